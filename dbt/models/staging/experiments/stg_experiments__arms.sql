-- Experiment arms: each a derived dataset (dataset_id) trained under the experiment's protocol and seeds.
with source as (
    select * from {{ lake_source('experiment_arms') }}
),

final as (
    select
        experiment_id,
        kind as experiment_kind,
        protocol as protocol_id,
        seeds,
        spec_json,
        arm,
        dataset_id,
        role as arm_role,
        n_samples,
        approx_tokens,
        sources_json,
        score_min,
        score_max,
        created_at
    from source
)

select * from final
