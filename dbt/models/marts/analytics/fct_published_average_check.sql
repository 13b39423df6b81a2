-- Does a published file's arithmetic hold? Each average it states is recomputed from its task scores
-- twice: under the file's own grouping of benchmarks into domains (`stated_domain`; must match to
-- the file's rounding, 0.006 on the 0-100 scale, else it is a finding) and under the paper's grouping
-- (the suite table), which is what the leaderboard shows: `regrouped_diff` is how far the two differ.
-- Efficiencies (gain over the base per thousand samples) are compared with a 2% relative tolerance.
with stated as (
    select *, coalesce(dataset_id, model_role) as model_key
    from {{ ref('stg_results__published_aggregates') }}
),

aliases as (
    select * from {{ ref('int_datasets__aliases') }}
),

stated_keyed as (
    select s.* replace (coalesce(a.dataset_id, s.model_key) as model_key)
    from stated as s
    left join aliases as a on a.alias = s.dataset_id
),

scores as (
    select * from {{ ref('int_results__scores') }}
    where source like 'published:%'
),

as_stated_domains as (
    select source, base_model, protocol_id, model_key, any_value(model_role) as model_role,
        stated_domain as scope, avg(value) as value
    from scores
    group by source, base_model, protocol_id, model_key, stated_domain
),

as_stated_overall as (
    select source, base_model, protocol_id, model_key, any_value(model_role) as model_role, 'overall' as scope,
        avg(value) as value
    from as_stated_domains
    group by source, base_model, protocol_id, model_key
),

sizes as (
    select * from {{ ref('int_results__dataset_sizes') }}
),

as_stated_efficiency as (
    select o.source, o.base_model, o.protocol_id, o.model_key, 'overall' as scope,
        (o.value - b.value) / (z.samples / 1000.0) as value
    from as_stated_overall as o
    join as_stated_overall as b
        on b.source = o.source and b.base_model = o.base_model and b.protocol_id = o.protocol_id
        and b.model_role = 'base'
    join sizes as z on z.dataset_id = o.model_key
    where o.model_role = 'finetuned' and z.samples > 0
),

as_stated as (
    select source, base_model, protocol_id, model_key, scope, 'avg' as kind, value from as_stated_domains
    union all
    select source, base_model, protocol_id, model_key, scope, 'avg', value from as_stated_overall
    union all
    select source, base_model, protocol_id, model_key, scope, 'efficiency', value from as_stated_efficiency
),

regrouped as (
    select source, base_model, protocol_id, model_key, domain as scope, 'avg' as kind, domain_avg as value
    from {{ ref('fct_leaderboard_domains') }}
    union all
    select source, base_model, protocol_id, model_key, 'overall', 'avg', overall_avg from {{ ref('fct_leaderboard') }}
    union all
    select source, base_model, protocol_id, model_key, 'overall', 'efficiency', gain_per_k_samples
    from {{ ref('fct_leaderboard') }}
    where model_role = 'finetuned'
),

final as (
    select
        s.source, s.base_model, s.protocol_id, s.model_key, s.model_role, s.scope, s.kind,
        s.value as stated_value,
        r.value as recomputed_value,
        abs(s.value - r.value) as abs_diff,
        case
            when r.value is null then false
            when s.kind = 'avg' then abs(s.value - r.value) <= 0.006
            else abs(s.value - r.value) <= 0.02 * abs(s.value) + 1e-6
        end as reproduces,
        g.value as regrouped_value,
        g.value - s.value as regrouped_diff
    from stated_keyed as s
    left join as_stated as r using (source, base_model, protocol_id, model_key, scope, kind)
    left join regrouped as g using (source, base_model, protocol_id, model_key, scope, kind)
    -- efficiencies of zero are the file's placeholder for baselines; averages are always checked
    where s.kind = 'avg' or (s.model_role = 'finetuned' and r.value is not null)
)

select * from final
