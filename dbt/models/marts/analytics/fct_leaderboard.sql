-- The leaderboard: one row per setup (source, base model, protocol) and model (a fine-tuned dataset,
-- or the base/instruct baseline). overall_avg = mean of the domain averages (ODA's rule); micro_avg =
-- mean of every task. Deltas against the base and the instruct model of the same setup; efficiency =
-- overall gain over the base per thousand samples and per million (estimated) tokens. The rank band
-- [rank_best, rank_worst] holds the ranks a dataset could take within 95% intervals: datasets whose
-- bands overlap are statistically tied. uncertainty_basis says where the intervals come from.
with domains as (
    select * from {{ ref('fct_leaderboard_domains') }}
),

scores as (
    select * from {{ ref('int_results__scores') }}
    where domain is not null
),

sizes as (
    select * from {{ ref('int_results__dataset_sizes') }}
),

datasets as (
    select * from {{ ref('dim_datasets') }}
),

contamination as (
    select dataset_id, sum(contaminated_items) as contaminated_items,
        list(benchmark_name || ' (' || contaminated_items || ')' order by benchmark_name) as contaminated_benchmarks
    from {{ ref('fct_contamination_summary') }}
    where is_contaminated
    group by dataset_id
),

published_cards as (
    select dataset_id, any_value(dataset_name) as dataset_name, any_value(domain) as domain,
        any_value(release_year) as release_year, any_value(homepage) as homepage
    from {{ ref('stg_results__published_datasets') }}
    group by dataset_id
),

micro as (
    select source, base_model, protocol_id, model_key, avg(value) as micro_avg, count(*) as n_benchmarks,
        list(distinct stderr_basis order by stderr_basis) as stderr_bases
    from scores
    group by source, base_model, protocol_id, model_key
),

overall as (
    select
        source, base_model, protocol_id, model_key,
        any_value(dataset_id) as dataset_id,
        any_value(model_role) as model_role,
        avg(domain_avg) as overall_avg,
        count(*) as n_domains,
        case when count(domain_se) = count(*) then sqrt(sum(domain_se * domain_se)) / count(*) end as overall_se,
        max(domain_avg) filter (where domain = 'general') as general_avg,
        max(domain_avg) filter (where domain = 'math') as math_avg,
        max(domain_avg) filter (where domain = 'code') as code_avg,
        max(domain_avg) filter (where domain = 'reasoning') as reasoning_avg,
        max(domain_avg) filter (where domain = 'science') as science_avg
    from domains
    group by source, base_model, protocol_id, model_key
),

baselines as (
    select source, base_model, protocol_id,
        max(overall_avg) filter (where model_role = 'base') as base_overall_avg,
        max(overall_avg) filter (where model_role = 'instruct') as instruct_overall_avg
    from overall
    group by source, base_model, protocol_id
),

scored as (
    select
        o.*,
        m.micro_avg,
        m.n_benchmarks,
        o.overall_avg - 1.96 * coalesce(o.overall_se, 0) as ci_low,
        o.overall_avg + 1.96 * coalesce(o.overall_se, 0) as ci_high,
        case
            when o.overall_se is null then 'none given: point estimates, ties only when equal'
            when list_has_all(['reported'], m.stderr_bases) and len(m.stderr_bases) = 1
                then 'published/reported stderr'
            else 'stderr from ' || array_to_string(m.stderr_bases, ', ')
        end as uncertainty_basis,
        b.base_overall_avg,
        b.instruct_overall_avg,
        o.overall_avg - b.base_overall_avg as delta_base,
        o.overall_avg - b.instruct_overall_avg as delta_instruct
    from overall as o
    join micro as m using (source, base_model, protocol_id, model_key)
    left join baselines as b using (source, base_model, protocol_id)
),

ranked as (
    select
        a.source, a.base_model, a.protocol_id, a.model_key,
        1 + count(*) filter (where b.overall_avg > a.overall_avg) as overall_rank,
        1 + count(*) filter (where b.ci_low > a.ci_high) as rank_best,
        1 + count(*) filter (where b.model_key <> a.model_key and b.ci_high >= a.ci_low) as rank_worst,
        count(*) as ranked_models
    from scored as a
    join scored as b
        on a.source = b.source and a.base_model = b.base_model and a.protocol_id = b.protocol_id
        and b.model_role = 'finetuned'
    where a.model_role = 'finetuned'
    group by a.source, a.base_model, a.protocol_id, a.model_key
),

final as (
    select
        s.source,
        s.base_model,
        s.protocol_id,
        s.model_key,
        s.dataset_id,
        s.model_role,
        case when s.source like 'published:%'
            then 'Published (' || replace(s.source, 'published:', '') || ') · ' || s.base_model
            else 'Arena run · ' || s.base_model || ' · ' || s.protocol_id end as setup_label,
        case s.model_role when 'finetuned' then coalesce(d.dataset_name, p.dataset_name, s.model_key)
            else s.base_model || case s.model_role when 'instruct' then ' (instruct baseline)' else ' (base model)' end
        end as dataset_name,
        coalesce(d.license, 'unknown') as license_label,
        coalesce(c.contaminated_items, 0) as contaminated_items,
        coalesce(c.contaminated_benchmarks, []::varchar[]) as contaminated_benchmarks,
        coalesce(d.domain, p.domain) as dataset_domain,
        d.license,
        coalesce(d.tags, []::varchar[]) as tags,
        coalesce(d.release_quarter, p.release_year::varchar) as release_period,
        coalesce(d.release_year, p.release_year) as release_year,
        z.samples,
        z.size_from,
        {{ size_bucket('z.samples') }} as size_bucket,
        z.approx_tokens,
        s.general_avg, s.math_avg, s.code_avg, s.reasoning_avg, s.science_avg,
        s.overall_avg,
        s.micro_avg,
        s.n_domains,
        s.n_benchmarks,
        s.overall_se,
        s.ci_low,
        s.ci_high,
        s.uncertainty_basis,
        s.base_overall_avg,
        s.instruct_overall_avg,
        s.delta_base,
        s.delta_instruct,
        case when s.model_role = 'finetuned' and z.samples > 0 then s.delta_base / (z.samples / 1000.0) end
            as gain_per_k_samples,
        case when s.model_role = 'finetuned' and z.approx_tokens > 0 then s.delta_base / (z.approx_tokens / 1e6) end
            as gain_per_m_tokens,
        r.overall_rank,
        r.rank_best,
        r.rank_worst,
        r.rank_worst > r.rank_best as is_tied
    from scored as s
    left join ranked as r using (source, base_model, protocol_id, model_key)
    left join contamination as c on c.dataset_id = s.dataset_id
    left join datasets as d on d.dataset_id = s.dataset_id
    left join published_cards as p on p.dataset_id = s.dataset_id
    left join sizes as z on z.dataset_id = s.dataset_id
)

select * from final
