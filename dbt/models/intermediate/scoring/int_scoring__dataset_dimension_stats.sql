-- Per dataset and dimension: the distribution of per-sample values (pointwise dimensions) or the one
-- whole-set value (setwise dimensions, where mean = median = p10 = p90 = the value).
with sample_scores as (
    select * from {{ ref('stg_scoring__sample_scores') }}
),

set_scores as (
    select * from {{ ref('stg_scoring__set_scores') }}
),

pointwise as (
    select
        dataset_id,
        dimension,
        'pointwise' as kind,
        count(*) as n_samples,
        count(value) as n_values,
        avg(value) as mean,
        quantile_cont(value, 0.5) as median,
        quantile_cont(value, 0.1) as p10,
        quantile_cont(value, 0.9) as p90,
        stddev_samp(value) as stddev,
        avg(case when truncated then 1.0 else 0.0 end) as truncated_share,
        null::varchar as method
    from sample_scores
    group by dataset_id, dimension
),

setwise as (
    select
        dataset_id,
        dimension,
        'setwise' as kind,
        n_samples,
        case when value is null then 0 else n_used end as n_values,
        value as mean,
        value as median,
        value as p10,
        value as p90,
        null::double as stddev,
        0.0 as truncated_share,
        method
    from set_scores
),

final as (
    select * from pointwise
    union all
    select * from setwise
)

select * from final
