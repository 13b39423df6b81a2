-- The paired values behind each correlation finding (the scatter behind a number), one row per group
-- and dataset. group_id names the finding, the setup and the scope:
-- - rank_consistency: a dataset's score under two base models of one published source, per domain
--   average and overall (ODA ranks every dataset by each domain's average, not only that domain's);
-- - length_vs_gain: mean response length (ODA's A_Length score summary) against the gain over the
--   base model in a domain;
-- - score_vs_gain: each of ODA's published score dimensions against the overall gain.
with domains as (
    select source, base_model, model_key as dataset_id, domain, domain_avg, delta_base
    from {{ ref('fct_leaderboard_domains') }}
    where model_role = 'finetuned'
),

overall as (
    select source, base_model, model_key as dataset_id, 'overall' as domain, overall_avg as domain_avg, delta_base
    from {{ ref('fct_leaderboard') }}
    where model_role = 'finetuned'
),

scores as (
    select * from domains
    union all
    select * from overall
),

names as (
    select dataset_id, dataset_name from {{ ref('dim_datasets') }}
),

summaries as (
    select r.dataset_id, s.dimension, s.metric, s.side, s.mean
    from {{ ref('stg_results__score_summaries') }} as s
    join {{ ref('int_datasets__summary_names') }} as r using (dataset_name)
    where r.dataset_id is not null
),

rank_pairs as (
    select 'rank_consistency' as finding, a.source, a.base_model as setup_x, b.base_model as setup_y,
        a.domain as scope, a.dataset_id, a.domain_avg as x, b.domain_avg as y
    from scores as a
    join scores as b
        on a.source = b.source and a.domain = b.domain and a.dataset_id = b.dataset_id and a.base_model < b.base_model
    where a.source like 'published:%'
),

length_pairs as (
    select 'length_vs_gain' as finding, g.source, 'A_Length (mean response length)' as setup_x, g.base_model as setup_y,
        g.domain as scope, g.dataset_id, s.mean as x, g.delta_base as y
    from scores as g
    join summaries as s on s.dataset_id = g.dataset_id and s.dimension = 'oda_qa_a_length'
    where g.domain <> 'overall'
),

dimension_pairs as (
    select 'score_vs_gain' as finding, g.source, s.side || ' ' || s.metric as setup_x, g.base_model as setup_y,
        'overall' as scope, g.dataset_id, s.mean as x, g.delta_base as y
    from scores as g
    join summaries as s on s.dataset_id = g.dataset_id
    where g.domain = 'overall'
),

unioned as (
    select * from rank_pairs
    union all
    select * from length_pairs
    union all
    select * from dimension_pairs
),

final as (
    select
        finding || ' | ' || source || ' | ' || setup_x || ' | ' || setup_y || ' | ' || scope as group_id,
        u.finding, u.source, u.setup_x, u.setup_y, u.scope, u.dataset_id as item, n.dataset_name, u.x, u.y
    from unioned as u
    left join names as n using (dataset_id)
    where u.x is not null and u.y is not null
)

select * from final
