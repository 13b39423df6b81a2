-- Rank uncertainty by parametric bootstrap: each benchmark score is redrawn var('rank_bootstrap_draws')
-- times from a normal around it with its standard error (reported, from seeds, or binomial over the
-- benchmark's items: what resampling items estimates), the overall score (mean of domain averages)
-- and the ranks are recomputed per draw, and the 2.5%-97.5% range of each dataset's rank is kept.
-- Scores without a standard error stay fixed (their rank interval reflects only the others' noise).
-- Normal draws come from seeded hashes (Box-Muller), so a rebuild gives the same intervals.
with scores as (
    select * from {{ ref('int_results__scores') }}
    where domain is not null and model_role = 'finetuned'
),

draws as (
    select range as draw from range({{ var('rank_bootstrap_draws', 200) }})
),

uniforms as (
    select s.source, s.base_model, s.protocol_id, s.model_key, s.domain, s.value, s.stderr, d.draw,
        (hash(s.source, s.base_model, s.model_key, s.benchmark, d.draw, 1) % 1000000 + 0.5) / 1000000.0 as u1,
        (hash(s.source, s.base_model, s.model_key, s.benchmark, d.draw, 2) % 1000000 + 0.5) / 1000000.0 as u2
    from scores as s
    cross join draws as d
),

sampled as (
    select source, base_model, protocol_id, model_key, domain, draw,
        value + coalesce(stderr, 0) * sqrt(-2 * ln(u1)) * cos(2 * pi() * u2) as value
    from uniforms
),

domain_draws as (
    select source, base_model, protocol_id, model_key, draw, domain, avg(value) as domain_avg
    from sampled
    group by all
),

overall_draws as (
    select source, base_model, protocol_id, model_key, draw, avg(domain_avg) as overall
    from domain_draws
    group by all
),

ranked as (
    select *, rank() over (partition by source, base_model, protocol_id, draw order by overall desc) as draw_rank
    from overall_draws
),

final as (
    select
        source, base_model, protocol_id, model_key,
        count(*) as draws,
        quantile_disc(draw_rank, 0.025) as rank_p025,
        median(draw_rank) as rank_median,
        quantile_disc(draw_rank, 0.975) as rank_p975,
        avg(draw_rank) as rank_mean,
        avg((draw_rank = 1)::int) as share_ranked_first
    from ranked
    group by source, base_model, protocol_id, model_key
)

select * from final
