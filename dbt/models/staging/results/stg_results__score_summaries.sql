-- ODA's data-scorer summaries: one row per source, dataset name and metric (Q or QA side).
with source as (
    select * from {{ lake_source('published_score_summaries') }}
),

final as (
    select source, dataset_name, side, family, metric, dimension, mean, bins, distribution
    from source
)

select * from final
