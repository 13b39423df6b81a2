-- The nodes of the lineage explorer: every catalogued dataset and every dataset an edge names, with
-- its domain, role, degree and whether it is contaminated for any benchmark.
with datasets as (
    select * from {{ ref('dim_datasets') }}
),

edges as (
    select * from {{ ref('fct_lineage_explorer_edges') }}
),

contamination as (
    select dataset_id, count(*) filter (where is_contaminated) as contaminated_benchmarks,
        max(contamination_share) as max_contamination_share
    from {{ ref('fct_contamination_summary') }}
    group by dataset_id
),

ids as (
    select dataset_id from datasets
    union
    select source_dataset_id from edges
    union
    select target_dataset_id from edges
),

final as (
    select
        i.dataset_id,
        coalesce(d.dataset_name, i.dataset_id) as dataset_name,
        coalesce(d.domain, 'unknown') as domain,
        coalesce(d.role, 'uncatalogued') as role,
        d.release_quarter,
        (select count(*) from edges as e where e.target_dataset_id = i.dataset_id) as n_parents,
        (select count(*) from edges as e where e.source_dataset_id = i.dataset_id) as n_children,
        coalesce(c.contaminated_benchmarks, 0) as contaminated_benchmarks,
        coalesce(c.max_contamination_share, 0) as max_contamination_share
    from ids as i
    left join datasets as d using (dataset_id)
    left join contamination as c using (dataset_id)
)

select * from final
