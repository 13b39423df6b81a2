-- How well predicted value does, per setup: the leave-one-dataset-out error of the fingerprint model
-- beside the predict-the-mean baseline's on the same datasets (mean absolute and root mean squared
-- error, in points of overall gain), and the share of measured gains inside the model's interval (NULL
-- when there were too few datasets to bound one).
-- skill = 1 - model MAE / baseline MAE: above 0 the fingerprint helps, at or below 0 it does not.
with held_out as (
    select * from {{ ref('fct_predicted_value') }}
    where not is_predicted
),

final as (
    select
        source,
        base_model,
        protocol_id,
        feature_space,
        count(*) as n_datasets,
        any_value(n_features) as n_features,
        avg(abs(observed_gain - predicted_gain)) as model_mae,
        avg(abs(observed_gain - baseline_gain)) as baseline_mae,
        sqrt(avg(power(observed_gain - predicted_gain, 2))) as model_rmse,
        sqrt(avg(power(observed_gain - baseline_gain, 2))) as baseline_rmse,
        1 - avg(abs(observed_gain - predicted_gain)) / nullif(avg(abs(observed_gain - baseline_gain)), 0) as skill,
        avg(case when interval_low is null then null
            when observed_gain between interval_low and interval_high then 1.0 else 0.0 end) as interval_coverage,
        any_value(interval_level) as interval_level,
        avg(interval_high - interval_low) / 2 as interval_halfwidth
    from held_out
    group by source, base_model, protocol_id, feature_space
)

select * from final
