-- Whole-dataset (setwise) scores. Empty (typed) until some dataset has been scored.
with source as (
    select * from {{ optional_lake_source('scoring', 'set_scores', [
        'dataset_id varchar', 'scorer varchar', 'scorer_version varchar', 'side varchar',
        'dimension varchar', 'value double', 'n_samples bigint', 'n_used bigint', 'method varchar']) }}
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
