-- Benchmarks against each other: the share of one benchmark's items found in another (copies,
-- subsets, shared sources), so a suite does not count the same items twice.
with matrix as (
    select * from {{ ref('stg_lineage__contamination_matrix') }}
),

nodes as (
    select * from {{ ref('stg_lineage__nodes') }}
),

final as (
    select
        m.dataset_id as benchmark_id,
        m.benchmark_id as other_benchmark_id,
        m.n_samples as n_items,
        m.n_contaminated as n_items_in_other,
        m.contaminated_share as share_in_other,
        m.n_verbatim,
        m.n_number_swap,
        m.n_paraphrase,
        m.n_solution
    from matrix as m
    inner join nodes as d on d.node_id = m.dataset_id
    where d.role = 'benchmark'
)

select * from final
