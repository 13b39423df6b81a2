with source as (
    select * from {{ source('training', 'benchmark_predictions') }}
),

final as (
    select
        run_id,
        dataset_id,
        protocol,
        model_kind,
        benchmark,
        item_index,
        item_id,
        prompt,
        response,
        target,
        correct,
        metrics_json
    from source
)

select * from final
