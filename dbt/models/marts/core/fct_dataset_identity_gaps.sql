-- What does not join: every dataset named by a published file, a score summary or ODA's lineage graph
-- (its leaderboard nodes) that resolves to no catalog entry, with the reason. The build warns when
-- the list grows past var('identity_gap_bound') (tests/assert_identity_gaps_within_bound.sql).
with aliases as (
    select * from {{ ref('int_datasets__aliases') }}
),

catalog as (
    select dataset_id from {{ ref('stg_arena__datasets') }}
),

published as (
    select distinct source, dataset_id as published_key, dataset_name
    from {{ ref('stg_results__published_datasets') }}
),

summaries as (
    select distinct s.source, s.dataset_name, r.dataset_id
    from {{ ref('stg_results__score_summaries') }} as s
    join {{ ref('int_datasets__summary_names') }} as r using (dataset_name)
),

lineage_nodes as (
    select node_id, node_name from {{ ref('stg_lineage__nodes') }}
    where role = 'train' and origin = 'oda'
),

gaps as (
    select p.source as origin, p.published_key as name_in_origin, p.dataset_name,
        'published dataset: no catalog entry with this Hub id or name' as reason
    from published as p
    left join aliases as a on a.alias = p.published_key
    where a.dataset_id is null or a.dataset_id not in (select dataset_id from catalog)
    union all
    select s.source, s.dataset_name, s.dataset_name,
        'score summary: its name matches no catalogued or published dataset'
    from summaries as s
    where s.dataset_id is null
    union all
    select 'lineage:oda', n.node_id, n.node_name,
        'ODA lineage leaderboard node: its Hub id is no catalog entry (a repo split into file variants)'
    from lineage_nodes as n
    left join aliases as a on a.alias = {{ hub_key('n.node_id') }}
    where a.dataset_id is null
),

final as (
    select * from gaps
)

select * from final
