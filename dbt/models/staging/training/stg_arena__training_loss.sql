with source as (
    select * from {{ source('training', 'training_loss') }}
),

final as (
    select
        run_id,
        dataset_id,
        protocol,
        step,
        epoch,
        loss,
        learning_rate,
        num_tokens
    from source
)

select * from final
