-- Gains between an experiment's arms (gain = arm - versus; versus 'base' is the untuned base model),
-- fractions as the benchmark reports them. Empty until the first experiment is compared.
with source as (
    select * from {{ optional_lake_source('experiments', 'experiment_gains', [
        'experiment_id varchar', 'kind varchar', 'protocol varchar', 'arm varchar', 'versus varchar',
        'benchmark varchar', 'metric varchar', 'arm_mean double', 'versus_mean double', 'gain double',
        'ci_low double', 'ci_high double', 'n_items bigint', 'arm_seeds integer', 'versus_seeds integer',
        'p_not_better double']) }}
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
