-- Published scores as imported (results contract); empty until a file is imported. `domain` is the
-- suite's grouping of the benchmark, `stated_domain` the file's own.
with source as (
    select * from {{ lake_source('benchmark_scores') }}
),

final as (
    select source, base_model, protocol_id, dataset_id, model_role, benchmark, domain, metric,
        value, stderr, n_items, run_id, is_primary, coalesce(stated_domain, domain) as stated_domain
    from source
)

select * from final
