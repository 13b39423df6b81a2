-- Published scores as imported (results contract); empty until a file is imported. `domain` is the
-- suite's grouping of the benchmark, `stated_domain` the file's own.
with source as (
    select * from {{ optional_lake_source('results', 'benchmark_scores', [
        'source varchar', 'base_model varchar', 'protocol_id varchar', 'dataset_id varchar',
        'model_role varchar', 'benchmark varchar', 'domain varchar', 'metric varchar', 'value double',
        'stderr double', 'n_items bigint', 'run_id varchar', 'is_primary boolean', 'stated_domain varchar']) }}
),

final as (
    select source, base_model, protocol_id, dataset_id, model_role, benchmark, domain, metric,
        value, stderr, n_items, run_id, is_primary, coalesce(stated_domain, domain) as stated_domain
    from source
)

select * from final
