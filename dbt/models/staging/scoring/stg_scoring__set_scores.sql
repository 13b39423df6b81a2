-- Whole-dataset (setwise) scores. Empty (typed) until some dataset has been scored.
with source as (
    select * from {{ lake_source('set_scores') }}
),

final as (
    select
        dataset_id,
        scorer,
        scorer_version,
        side,
        dimension,
        value,
        n_samples,
        n_used,
        method,
        n_used = n_samples as is_exact
    from source
)

select * from final
