-- Each dataset's fingerprint: per dimension its mean, median, p10, p90, and where its mean stands among
-- all scored datasets (percentile 0-100, NULL while only one dataset has the dimension). The oriented
-- percentile turns "lower is better" dimensions around, so 100 is always the best; it is NULL for
-- dimensions without a better direction (lengths, shares).
with stats as (
    select * from {{ ref('int_scoring__dataset_dimension_stats') }}
),

dimensions as (
    select * from {{ ref('stg_scoring__score_dimensions') }}
),

ranked as (
    select
        stats.*,
        count(mean) over (partition by dimension) as n_datasets,
        percent_rank() over (partition by dimension order by mean) as mean_rank
    from stats
    where mean is not null
),

final as (
    select
        r.dataset_id,
        r.dimension,
        r.kind,
        d.scorer,
        d.category,
        d.side,
        d.description,
        d.higher_is_better,
        r.n_samples,
        r.n_values,
        r.mean,
        r.median,
        r.p10,
        r.p90,
        r.stddev,
        r.truncated_share,
        r.method,
        r.n_datasets,
        case when r.n_datasets > 1 then round(100 * r.mean_rank, 2) end as percentile,
        case
            when r.n_datasets <= 1 or d.higher_is_better is null then null
            when d.higher_is_better then round(100 * r.mean_rank, 2)
            else round(100 * (1 - r.mean_rank), 2)
        end as oriented_percentile
    from ranked as r
    left join dimensions as d using (dimension)
)

select * from final
