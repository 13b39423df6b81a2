-- The train-evaluate pillar's runs mapped onto the results contract. Their `value` and `stderr` are
-- fractions (lm-eval's scale): multiplied by var('local_results_scale', 100). A run without a dataset
-- is the base model; the benchmark's domain comes from the benchmark's catalog entry, else from the
-- known-benchmark list (int_results__benchmark_domains). Empty until the pillar writes the table.
with source as (
    select * from {{ optional_lake_source('results', 'benchmark_results', [
        'run_id varchar', 'dataset_id varchar', 'protocol_id varchar', 'base_model varchar',
        'benchmark varchar', 'metric varchar', 'value double', 'stderr double', 'n bigint']) }}
),

primary_metric as (
    -- one metric per run and benchmark counts in averages: the first by name (lm-eval reports
    -- 'acc'/'exact_match' variants; the pillar writes its headline metric first alphabetically or alone)
    select run_id, benchmark, min(metric) as metric
    from source
    group by all
),

final as (
    select
        'local' as source,
        s.base_model,
        s.protocol_id,
        s.dataset_id,
        case when s.dataset_id is null then 'base' else 'finetuned' end as model_role,
        s.benchmark,
        s.metric,
        s.value * {{ var('local_results_scale', 100) }} as value,
        s.stderr * {{ var('local_results_scale', 100) }} as stderr,
        s.n as n_items,
        s.run_id,
        s.metric = p.metric as is_primary
    from source as s
    left join primary_metric as p using (run_id, benchmark)
)

select * from final
