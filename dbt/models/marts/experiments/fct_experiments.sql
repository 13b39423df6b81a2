-- Every experiment's gains, one row per compared pair (arm vs arm, or arm vs the untuned base model) and
-- benchmark metric, with the experiment's definition and both arms' sizes. gain and its 95% interval
-- come from a paired bootstrap over the benchmark's items and the arms' seed runs
-- (training/evaluation/compare.py), in points (x var('local_results_scale', 100)). is_significant: the
-- interval excludes 0.
with gains as (
    select * from {{ ref('stg_experiments__gains') }}
),

arms as (
    select * from {{ ref('stg_experiments__arms') }}
),

final as (
    select
        g.experiment_id,
        g.experiment_kind,
        g.protocol_id,
        a.seeds,
        a.spec_json,
        g.arm,
        g.versus,
        g.arm || ' vs ' || g.versus as comparison,
        g.benchmark,
        g.metric,
        a.dataset_id as arm_dataset_id,
        a.n_samples as arm_samples,
        a.approx_tokens as arm_approx_tokens,
        a.score_min as arm_score_min,
        a.score_max as arm_score_max,
        v.n_samples as versus_samples,
        g.arm_mean * {{ var('local_results_scale', 100) }} as arm_score,
        g.versus_mean * {{ var('local_results_scale', 100) }} as versus_score,
        g.gain * {{ var('local_results_scale', 100) }} as gain,
        g.ci_low * {{ var('local_results_scale', 100) }} as ci_low,
        g.ci_high * {{ var('local_results_scale', 100) }} as ci_high,
        g.ci_low > 0 or g.ci_high < 0 as is_significant,
        g.p_not_better,
        g.n_items,
        g.arm_seeds,
        g.versus_seeds
    from gains as g
    join arms as a on a.experiment_id = g.experiment_id and a.arm = g.arm
    left join arms as v on v.experiment_id = g.experiment_id and v.arm = g.versus
)

select * from final
