-- Gains between an experiment's arms (gain = arm - versus; versus 'base' is the untuned base model),
-- fractions as the benchmark reports them.
with source as (
    select * from {{ lake_source('experiment_gains') }}
),

final as (
    select
        experiment_id,
        kind as experiment_kind,
        protocol as protocol_id,
        arm,
        versus,
        benchmark,
        metric,
        arm_mean,
        versus_mean,
        gain,
        ci_low,
        ci_high,
        n_items,
        arm_seeds,
        versus_seeds,
        p_not_better
    from source
)

select * from final
