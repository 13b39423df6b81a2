-- Benchmark contamination per training dataset, from the contamination pillar's fct_contamination
-- (dataset_id, benchmark_id, contaminated_items, benchmark_items, contamination_share, method),
-- with names for display. Empty until that pillar is merged (var arena_pillar_models).
with contamination as (
    select * from {{ optional_ref('fct_contamination', [
        'dataset_id varchar', 'benchmark_id varchar', 'contaminated_items bigint', 'benchmark_items bigint',
        'contamination_share double', 'method varchar']) }}
),

datasets as (
    select dataset_id, dataset_name, domain from {{ ref('dim_datasets') }}
),

final as (
    select
        c.dataset_id,
        d.dataset_name,
        d.domain,
        c.benchmark_id,
        b.dataset_name as benchmark_name,
        c.contaminated_items,
        c.benchmark_items,
        c.contamination_share,
        c.method,
        c.contaminated_items > 0 as is_contaminated
    from contamination as c
    left join datasets as d on d.dataset_id = c.dataset_id
    left join datasets as b on b.dataset_id = c.benchmark_id
)

select * from final
