-- Experiment arms, each trained under the experiment's protocol and seeds: a derived dataset (a subset or
-- a mix of its sources), or a dataset trained as it is (the planted ordering's arms, whose only source
-- is the dataset itself: is_derived false, so they stay on the leaderboard).
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
        json_keys(sources_json::json) <> [dataset_id] as is_derived,
        score_min,
        score_max,
        created_at
    from source
)

select * from final
