-- Benchmark contamination per training dataset for display, from the contamination scan's
-- fct_contamination. contaminated_items / benchmark_items / contamination_share describe the
-- benchmark (how many of its items leak into the dataset); contaminated_samples / sample_share
-- describe the dataset (how many of its samples match some item).
with contamination as (
    select * from {{ ref('fct_contamination') }}
),

final as (
    select
        dataset_id,
        dataset_name,
        dataset_domain as domain,
        benchmark_id,
        benchmark_name,
        n_items_leaked as contaminated_items,
        n_items as benchmark_items,
        items_leaked_share as contamination_share,
        n_contaminated as contaminated_samples,
        contaminated_share as sample_share,
        n_verbatim,
        n_number_swap,
        n_paraphrase,
        n_solution,
        'verbatim ' || n_verbatim || ', number-swapped ' || n_number_swap || ', paraphrased ' || n_paraphrase
            || ', reference solution reproduced ' || n_solution
            as method,
        is_contaminated
    from contamination
)

select * from final
