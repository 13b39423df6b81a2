with source as (
    select * from {{ lake_source('benchmark_results') }}
),

final as (
    select
        run_id,
        dataset_id,
        protocol,
        model_kind,
        model_kind <> 'finetuned' as is_baseline,
        benchmark,
        task,
        domain,
        metric,
        filter as metric_filter,
        value,
        stderr,
        n as n_items,
        backend,
        eval_mode,
        evaluated_at
    from source
)

select * from final
