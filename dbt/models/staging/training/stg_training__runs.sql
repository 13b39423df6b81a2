with source as (
    select * from {{ lake_source('training_runs') }}
),

final as (
    select
        run_id,
        dataset_id,
        protocol,
        protocol_version,
        protocol_hash,
        dataset_fingerprint,
        base_model,
        finetune,
        n_samples,
        n_available,
        steps,
        epochs,
        tokens_seen,
        train_loss,
        final_loss,
        wall_s,
        train_runtime_s,
        device_type,
        device_name,
        device_count,
        precision,
        per_device_batch,
        grad_accum,
        global_batch,
        resumed_from_step,
        resumed_from_step is not null as was_resumed,
        tokens_seen / nullif(train_runtime_s, 0) as tokens_per_s,
        model_dir,
        started_at,
        finished_at
    from source
)

select * from final
