-- Per setup (source, base model, protocol), model and domain: the domain average (unweighted mean of
-- the domain's tasks, ODA's rule), its standard error, the baselines' averages and the deltas, and a
-- rank band among the fine-tuned models (ranks any model could take within 95% intervals).
with scores as (
    select * from {{ ref('int_results__scores') }}
    where domain is not null
),

domain_avgs as (
    select
        source, base_model, protocol_id, model_key, any_value(dataset_id) as dataset_id,
        any_value(model_role) as model_role, domain,
        avg(value) as domain_avg,
        count(*) as n_tasks,
        -- the mean of independent task scores: se = sqrt(sum se^2) / n, known only when every task's is
        case when count(stderr) = count(*) then sqrt(sum(stderr * stderr)) / count(*) end as domain_se
    from scores
    group by source, base_model, protocol_id, model_key, domain
),

baselines as (
    select source, base_model, protocol_id, domain,
        max(domain_avg) filter (where model_role = 'base') as base_domain_avg,
        max(domain_avg) filter (where model_role = 'instruct') as instruct_domain_avg
    from domain_avgs
    where model_role in ('base', 'instruct')
    group by source, base_model, protocol_id, domain
),

with_deltas as (
    select
        d.*,
        d.domain_avg - 1.96 * coalesce(d.domain_se, 0) as ci_low,
        d.domain_avg + 1.96 * coalesce(d.domain_se, 0) as ci_high,
        b.base_domain_avg,
        b.instruct_domain_avg,
        d.domain_avg - b.base_domain_avg as delta_base,
        d.domain_avg - b.instruct_domain_avg as delta_instruct
    from domain_avgs as d
    left join baselines as b using (source, base_model, protocol_id, domain)
),

ranked as (
    select
        a.source, a.base_model, a.protocol_id, a.model_key, a.domain,
        1 + count(*) filter (where b.domain_avg > a.domain_avg) as domain_rank,
        1 + count(*) filter (where b.ci_low > a.ci_high) as domain_rank_best,
        1 + count(*) filter (where b.model_key <> a.model_key and b.ci_high >= a.ci_low) as domain_rank_worst
    from with_deltas as a
    join with_deltas as b
        on a.source = b.source and a.base_model = b.base_model and a.protocol_id = b.protocol_id
        and a.domain = b.domain and b.model_role = 'finetuned'
    where a.model_role = 'finetuned'
    group by a.source, a.base_model, a.protocol_id, a.model_key, a.domain
),

final as (
    select w.*, r.domain_rank, r.domain_rank_best, r.domain_rank_worst
    from with_deltas as w
    left join ranked as r using (source, base_model, protocol_id, model_key, domain)
)

select * from final
