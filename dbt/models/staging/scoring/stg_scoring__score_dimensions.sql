-- One row per score dimension: what it measures, which way is better, its range and scorer.
-- The lake keeps a copy per scored dataset (score_dimensions, judge_dimensions); the latest scorer
-- version's description wins.
with dimensions as (
    select * from {{ lake_source('score_dimensions') }}
    union all by name
    select * from {{ lake_source('judge_dimensions') }}
),

final as (
    select
        dimension,
        arg_max(scorer, scorer_version) as scorer,
        arg_max(scorer_name, scorer_version) as scorer_name,
        max(scorer_version) as scorer_version,
        arg_max(category, scorer_version) as category,
        arg_max(kind, scorer_version) as kind,
        arg_max(side, scorer_version) as side,
        arg_max(model, scorer_version) as model,
        arg_max(description, scorer_version) as description,
        arg_max(higher_is_better, scorer_version) as higher_is_better,
        arg_max(range_min, scorer_version) as range_min,
        arg_max(range_max, scorer_version) as range_max
    from dimensions
    group by dimension
)

select * from final
