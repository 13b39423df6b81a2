-- Dataset quality over time: per published source, base model, dataset domain and release year (the
-- published cards carry the year only), the mean score in the dataset's own domain and the mean gain
-- over the base model there, with a percentile bootstrap 95% interval over the datasets.
with board as (
    select source, base_model, model_key as dataset_id, dataset_domain, release_year
    from {{ ref('fct_leaderboard') }}
    where model_role = 'finetuned' and release_year is not null and dataset_domain is not null
),

own_domain as (
    select b.*, d.domain_avg as own_score, d.delta_base as own_gain
    from board as b
    join {{ ref('fct_leaderboard_domains') }} as d
        on d.source = b.source and d.base_model = b.base_model and d.model_key = b.dataset_id
        and d.domain = b.dataset_domain
),

numbered as (
    select *,
        source || '|' || base_model || '|' || dataset_domain || '|' || release_year as group_id,
        row_number() over (partition by source, base_model, dataset_domain, release_year order by dataset_id) as slot,
        count(*) over (partition by source, base_model, dataset_domain, release_year) as n
    from own_domain
),

draws as (
    select range as draw from range(1, {{ var('findings_bootstrap_draws', 200) }} + 1)
),

resampled as (
    select g.group_id, d.draw, v.own_score, v.own_gain
    from (select distinct group_id, n from numbered) as g
    cross join draws as d
    join numbered as s on s.group_id = g.group_id
    join numbered as v on v.group_id = g.group_id and v.slot = 1 + (hash(g.group_id, d.draw, s.slot) % g.n)
),

draw_means as (
    select group_id, draw, avg(own_score) as mean_score, avg(own_gain) as mean_gain
    from resampled
    group by group_id, draw
),

intervals as (
    select group_id,
        quantile_cont(mean_score, 0.025) as score_ci_low, quantile_cont(mean_score, 0.975) as score_ci_high,
        quantile_cont(mean_gain, 0.025) as gain_ci_low, quantile_cont(mean_gain, 0.975) as gain_ci_high
    from draw_means
    group by group_id
),

final as (
    select n.source, n.base_model, n.dataset_domain, n.release_year,
        count(*) as n_datasets,
        avg(n.own_score) as mean_own_score,
        any_value(i.score_ci_low) as score_ci_low, any_value(i.score_ci_high) as score_ci_high,
        avg(n.own_gain) as mean_own_gain,
        any_value(i.gain_ci_low) as gain_ci_low, any_value(i.gain_ci_high) as gain_ci_high,
        list(n.dataset_id order by n.own_score desc) as datasets
    from numbered as n
    left join intervals as i using (group_id)
    group by n.source, n.base_model, n.dataset_domain, n.release_year
)

select * from final
