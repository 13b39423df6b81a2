-- Dataset x benchmark contamination; rows whose dataset is itself a benchmark measure redundancy.
with source as (
    select * from {{ lake_source('contamination_matrix') }}
),

final as (
    select
        dataset_id,
        benchmark_id,
        n_samples,
        n_contaminated,
        share as contaminated_share,
        n_verbatim,
        n_number_swap,
        n_paraphrase,
        n_solution,
        n_items,
        n_items_leaked,
        items_leaked_share,
        examples
    from source
)

select * from final
