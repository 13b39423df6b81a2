-- The contamination matrix for training and seed sets (dataset x benchmark), with examples.
-- Benchmarks scanned against each other are in fct_benchmark_redundancy.
with matrix as (
    select * from {{ ref('stg_lineage__contamination_matrix') }}
),

nodes as (
    select * from {{ ref('stg_lineage__nodes') }}
),

final as (
    select
        m.dataset_id,
        d.node_name as dataset_name,
        d.role as dataset_role,
        d.domain as dataset_domain,
        m.benchmark_id,
        b.node_name as benchmark_name,
        b.domain as benchmark_domain,
        m.n_samples,
        m.n_contaminated,
        m.contaminated_share,
        m.n_verbatim,
        m.n_number_swap,
        m.n_paraphrase,
        m.n_solution,
        m.n_items,
        m.n_items_leaked,
        m.items_leaked_share,
        m.n_contaminated > 0 as is_contaminated,
        m.examples
    from matrix as m
    left join nodes as d on d.node_id = m.dataset_id
    left join nodes as b on b.node_id = m.benchmark_id
    where coalesce(d.role, 'train') <> 'benchmark'
)

select * from final
