-- One row per dataset of the lineage graph with its graph statistics and contamination summary.
with nodes as (
    select * from {{ ref('stg_lineage__nodes') }}
),

stats as (
    select * from {{ ref('int_lineage__node_stats') }}
),

contamination as (
    select
        dataset_id,
        count(*) filter (where n_contaminated > 0) as benchmarks_leaked,
        max(contaminated_share) as max_contaminated_share
    from {{ ref('stg_lineage__contamination_matrix') }}
    group by dataset_id
),

risk as (
    select dataset_id, count(distinct benchmark_id) as benchmarks_at_risk_via_lineage
    from {{ ref('int_lineage__contamination_risk') }}
    group by dataset_id
),

final as (
    select
        n.*,
        s.n_parents,
        s.n_children,
        s.n_ancestors,
        s.n_descendants,
        s.depth,
        s.is_root,
        s.is_leaf,
        s.family_id,
        s.family_size,
        s.in_cycle,
        s.reuse_rank,
        coalesce(c.benchmarks_leaked, 0) as benchmarks_leaked,
        c.max_contaminated_share,
        coalesce(r.benchmarks_at_risk_via_lineage, 0) as benchmarks_at_risk_via_lineage
    from nodes as n
    left join stats as s using (node_id)
    left join contamination as c on c.dataset_id = n.node_id
    left join risk as r on r.dataset_id = n.node_id
)

select * from final
