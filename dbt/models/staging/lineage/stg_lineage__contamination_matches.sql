-- One row per (training sample, benchmark item) match over the thresholds.
with source as (
    select * from {{ lake_source('contamination_matches') }}
),

final as (
    select dataset_id, sample_id, benchmark_id, item_id, match_kind, long_n, long_containment,
           near_containment, solution_containment, exact_overlap, sample_excerpt, item_excerpt
    from source
)

select * from final
