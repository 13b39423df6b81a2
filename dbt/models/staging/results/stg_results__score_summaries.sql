-- ODA's data-scorer summaries: one row per source, dataset name and metric (Q or QA side).
with source as (
    select * from {{ optional_lake_source('results', 'published_score_summaries', [
        'source varchar', 'dataset_name varchar', 'side varchar', 'family varchar', 'metric varchar',
        'dimension varchar', 'mean double', 'bins double[]', 'distribution double[]']) }}
),

final as (
    select source, dataset_name, side, family, metric, dimension, mean, bins, distribution
    from source
)

select * from final
