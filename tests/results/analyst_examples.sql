-- top 5 datasets per domain (domain average), per base model and source, with the rank band
select source, base_model, domain, model_key as dataset_id, round(domain_avg, 2) as score,
       round(delta_base, 2) as gain_over_base, domain_rank_best || '-' || domain_rank_worst as rank_band
from fct_leaderboard_domains
where model_role = 'finetuned' and domain_rank <= 5
order by source, base_model, domain, domain_rank;
-- datasets contaminated for a benchmark
select dataset_id, dataset_name, contaminated_items, benchmark_items, round(100 * contamination_share, 1) as pct, method
from fct_contamination_summary
where benchmark_id = 'demo_math_bench' and is_contaminated
order by contamination_share desc;
-- every ancestor of a dataset, with the number of hops and the review status of the edge
with recursive ancestors(dataset_id, hops, path) as (
    select 'demo_math_terse', 0, ['demo_math_terse']
    union all
    select e.source_dataset_id, a.hops + 1, list_append(a.path, e.source_dataset_id)
    from ancestors as a
    join fct_lineage_explorer_edges as e on e.target_dataset_id = a.dataset_id
    where not list_contains(a.path, e.source_dataset_id) and e.review_status <> 'rejected'
)
select dataset_id, min(hops) as hops from ancestors where hops > 0 group by dataset_id order by hops;
-- does a published file reproduce its own averages?
select source, kind, count(*) as checked, count(*) filter (where reproduces) as reproduced, max(abs_diff) as worst
from fct_published_average_check group by all order by all;
