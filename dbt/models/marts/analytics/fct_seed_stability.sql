-- How stable the arena's ranking is across seeds: for each local setup trained under several seed
-- replicas (`<protocol>@seed<k>`), each dataset's overall score per seed (mean of its domain averages on
-- the primary metrics, the leaderboard's rule), its rank in each seed, and across seeds the mean, the
-- seed-to-seed standard deviation, the best and worst rank, the modal rank and the share of seeds that
-- gave the modal rank. Derived experiment arms are left out, as on the leaderboard.
with runs as (
    select * from {{ ref('int_results__local_scores') }}
    where model_role = 'finetuned' and is_primary
        and dataset_id not in (select dataset_id from {{ ref('stg_experiments__arms') }} where is_derived)
),

domains as (
    select * from {{ ref('int_results__benchmark_domains') }}
),

per_domain as (
    select r.base_model, r.protocol_id, r.seed, r.dataset_id, coalesce(d.domain, r.domain) as domain,
        avg(r.value) as domain_avg
    from runs as r
    left join domains as d using (benchmark)
    group by all
),

per_seed as (
    select base_model, protocol_id, seed, dataset_id, avg(domain_avg) as overall
    from per_domain
    group by all
),

seeded_setups as (
    select base_model, protocol_id, count(distinct seed) as n_seed_replicas
    from per_seed
    group by all
    having count(distinct seed) > 1
),

ranked as (
    select p.*, s.n_seed_replicas,
        rank() over (partition by p.base_model, p.protocol_id, p.seed order by p.overall desc) as seed_rank
    from per_seed as p
    join seeded_setups as s using (base_model, protocol_id)
),

per_dataset as (
    select
        base_model, protocol_id, dataset_id,
        any_value(n_seed_replicas) as n_seed_replicas,
        count(*) as n_seeds,
        avg(overall) as mean_score,
        stddev_samp(overall) as seed_sd,
        min(seed_rank) as best_rank,
        max(seed_rank) as worst_rank,
        mode(seed_rank) as modal_rank,
        list(seed_rank order by seed) as ranks_by_seed,
        list(overall order by seed) as scores_by_seed
    from ranked
    group by all
),

final as (
    select
        d.*,
        avg((r.seed_rank = d.modal_rank)::int) as modal_rank_share,
        d.best_rank = d.worst_rank as rank_is_stable
    from per_dataset as d
    join ranked as r using (base_model, protocol_id, dataset_id)
    group by all
)

select * from final
