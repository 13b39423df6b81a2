-- One score per setup, model and benchmark (the primary metric), published and local side by side.
-- Several runs of one setup are seeds: their mean is the score. The standard error is, in order: the
-- spread over seeds (sd / sqrt(runs), where there are several), the one reported, the binomial error
-- over the benchmark's items (sqrt(p(100-p)/n), what a bootstrap over items estimates), else unknown.
-- Derived experiment arms (the subsets and mixes of selection and mixture experiments) are compared in
-- fct_experiments, not ranked here; the planted ordering's arms are catalogued datasets and stay.
with published_raw as (
    select * from {{ ref('stg_results__published_scores') }}
),

aliases as (
    select * from {{ ref('int_datasets__aliases') }}
),

-- published rows keyed by the arena's dataset_id (their catalog entry where there is one)
published as (
    select p.* replace (coalesce(a.dataset_id, p.dataset_id) as dataset_id)
    from published_raw as p
    left join aliases as a on a.alias = p.dataset_id
),

experiment_arms as (
    select dataset_id from {{ ref('stg_experiments__arms') }} where is_derived
),

local_runs as (
    select * from {{ ref('int_results__local_scores') }}
    where dataset_id is null or dataset_id not in (select dataset_id from experiment_arms)
),

domains as (
    select * from {{ ref('int_results__benchmark_domains') }}
),

unioned as (
    select source, base_model, protocol_id, dataset_id, model_role, benchmark, domain, metric, value,
        stderr, n_items, run_id, is_primary, stated_domain
    from published
    union all
    -- a catalogued or ODA benchmark's domain wins; else the one the evaluation recorded (benchmarks.yaml)
    select l.source, l.base_model, l.protocol_id, l.dataset_id, l.model_role, l.benchmark,
        coalesce(d.domain, l.domain) as domain, l.metric,
        l.value, l.stderr, l.n_items, l.run_id, l.is_primary, cast(null as varchar) as stated_domain
    from local_runs as l
    left join domains as d using (benchmark)
),

per_setup as (
    select
        source,
        base_model,
        protocol_id,
        dataset_id,
        model_role,
        coalesce(dataset_id, model_role) as model_key,
        benchmark,
        any_value(domain) as domain,
        any_value(stated_domain) as stated_domain,
        any_value(metric) as metric,
        avg(value) as value,
        count(*) as n_runs,
        count(stderr) as n_reported_stderr,
        sqrt(sum(stderr * stderr)) / count(*) as reported_stderr,
        stddev_samp(value) as seed_sd,
        max(n_items) as n_items
    from unioned
    where is_primary
    group by source, base_model, protocol_id, dataset_id, model_role, benchmark
),

final as (
    select
        source, base_model, protocol_id, dataset_id, model_role, model_key, benchmark, domain, stated_domain,
        metric, value, n_runs, n_items,
        case
            when n_runs > 1 then seed_sd / sqrt(n_runs)
            when n_reported_stderr = n_runs then reported_stderr
            when n_items > 0 then sqrt(value * (100 - value) / n_items)
        end as stderr,
        case
            when n_runs > 1 then 'seeds'
            when n_reported_stderr = n_runs then 'reported'
            when n_items > 0 then 'binomial over items'
            else 'none'
        end as stderr_basis
    from per_setup
)

select * from final
