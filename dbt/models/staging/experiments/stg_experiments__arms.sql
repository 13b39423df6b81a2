-- Experiment arms: each a derived dataset (dataset_id) trained under the experiment's protocol and seeds.
-- Empty until the first experiment runs.
with source as (
    select * from {{ optional_lake_source('experiments', 'experiment_arms', [
        'experiment_id varchar', 'kind varchar', 'protocol varchar', 'seeds integer', 'spec_json varchar',
        'arm varchar', 'dataset_id varchar', 'role varchar', 'n_samples bigint', 'approx_tokens bigint',
        'sources_json varchar', 'score_min double', 'score_max double',
        'created_at timestamp with time zone']) }}
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
