-- Do two setups (base models, or published vs local) rank datasets alike? Per domain (and 'overall'),
-- over the datasets both evaluated: Spearman's rho (Pearson on average ranks, so ties count right)
-- and Kendall's tau-b (concordant minus discordant pairs, corrected for ties), with a bootstrap 95%
-- interval for Spearman over the datasets (macro bootstrap_correlations).
with domain_scores as (
    select source, base_model, protocol_id, model_key, domain, domain_avg as score
    from {{ ref('fct_leaderboard_domains') }}
    where model_role = 'finetuned'
    union all
    select source, base_model, protocol_id, model_key, 'overall', overall_avg
    from {{ ref('fct_leaderboard') }}
    where model_role = 'finetuned'
),

setups as (
    select *, source || ' | ' || base_model || ' | ' || protocol_id as setup
    from domain_scores
),

paired as (
    select a.domain, a.setup as setup_a, b.setup as setup_b, a.base_model as base_model_a,
        b.base_model as base_model_b, a.model_key, a.score as score_a, b.score as score_b
    from setups as a
    join setups as b on a.domain = b.domain and a.model_key = b.model_key and a.setup < b.setup
),

boot_pairs as (
    select domain || ' || ' || setup_a || ' || ' || setup_b as group_id, model_key as item, score_a as x, score_b as y
    from paired
),

{{ bootstrap_correlations('boot_pairs', var('correlation_bootstrap_draws', 100), kendall_intervals=false) }},

ranked as (
    select *,
        rank() over (partition by domain, setup_a, setup_b order by score_a)
            + (count(*) over (partition by domain, setup_a, setup_b, score_a) - 1) / 2.0 as rank_a,
        rank() over (partition by domain, setup_a, setup_b order by score_b)
            + (count(*) over (partition by domain, setup_a, setup_b, score_b) - 1) / 2.0 as rank_b
    from paired
),

spearman as (
    select domain, setup_a, setup_b, any_value(base_model_a) as base_model_a,
        any_value(base_model_b) as base_model_b, count(*) as n_datasets, corr(rank_a, rank_b) as spearman_rho
    from ranked
    group by domain, setup_a, setup_b
    -- two datasets always correlate perfectly: report from three on
    having count(*) >= 3
),

pairs as (
    select i.domain, i.setup_a, i.setup_b,
        sign(i.score_a - j.score_a) * sign(i.score_b - j.score_b) as agreement,
        i.score_a = j.score_a as tie_a,
        i.score_b = j.score_b as tie_b
    from paired as i
    join paired as j
        on i.domain = j.domain and i.setup_a = j.setup_a and i.setup_b = j.setup_b and i.model_key < j.model_key
),

kendall as (
    select domain, setup_a, setup_b,
        count(*) filter (where agreement > 0) as concordant,
        count(*) filter (where agreement < 0) as discordant,
        count(*) as n_pairs,
        count(*) filter (where tie_a) as ties_a,
        count(*) filter (where tie_b) as ties_b
    from pairs
    group by domain, setup_a, setup_b
),

final as (
    select
        s.domain, s.setup_a, s.setup_b, s.base_model_a, s.base_model_b, s.n_datasets,
        round(s.spearman_rho, 6) as spearman_rho,
        case when (k.n_pairs - k.ties_a) > 0 and (k.n_pairs - k.ties_b) > 0
            then round((k.concordant - k.discordant) / sqrt((k.n_pairs - k.ties_a)::double * (k.n_pairs - k.ties_b)), 6)
        end as kendall_tau_b,
        k.concordant,
        k.discordant,
        b.spearman_ci_low,
        b.spearman_ci_high
    from spearman as s
    left join kendall as k using (domain, setup_a, setup_b)
    left join boot_correlations as b on b.group_id = s.domain || ' || ' || s.setup_a || ' || ' || s.setup_b
)

select * from final
