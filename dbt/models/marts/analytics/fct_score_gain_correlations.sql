-- Which dataset properties predict value? Per setup, gain domain (and 'overall') and fingerprint
-- dimension: Pearson and Spearman with bootstrap 95% intervals over datasets, and Kendall's tau-b
-- (macro bootstrap_correlations), between the dataset's value on the dimension (fct_dataset_profile)
-- and its gain over the base model in that domain.
with gains as (
    select source, base_model, protocol_id, dataset_id, domain as gain_domain, delta_base as gain
    from {{ ref('fct_leaderboard_domains') }}
    where model_role = 'finetuned' and delta_base is not null
    union all
    select source, base_model, protocol_id, dataset_id, 'overall', delta_base
    from {{ ref('fct_leaderboard') }}
    where model_role = 'finetuned' and delta_base is not null
),

profile as (
    select * from {{ ref('fct_dataset_profile') }}
    where value is not null
),

joined as (
    select g.source, g.base_model, g.protocol_id, g.gain_domain, p.dimension, p.dimension_source,
        g.dataset_id, p.value, g.gain,
        g.source || '|' || g.base_model || '|' || g.protocol_id || '|' || g.gain_domain || '|' || p.dimension as group_id
    from gains as g
    join profile as p using (dataset_id)
),

-- three datasets at least, and both sides must vary (a constant has no correlation)
usable as (
    select group_id from joined
    group by group_id
    having count(*) >= 3 and var_pop(value) > 0 and var_pop(gain) > 0
),

pairs as (
    select group_id, dataset_id as item, value as x, gain as y
    from joined
    where group_id in (select group_id from usable)
),

{{ bootstrap_correlations('pairs', var('correlation_bootstrap_draws', 100), kendall_intervals=false) }},

groups as (
    select group_id, any_value(source) as source, any_value(base_model) as base_model,
        any_value(protocol_id) as protocol_id, any_value(gain_domain) as gain_domain,
        any_value(dimension) as dimension, any_value(dimension_source) as dimension_source
    from joined
    group by group_id
),

final as (
    select g.source, g.base_model, g.protocol_id, g.gain_domain, g.dimension, g.dimension_source,
        c.n as n_datasets,
        c.pearson as pearson_r, c.pearson_ci_low, c.pearson_ci_high,
        c.spearman as spearman_rho, c.spearman_ci_low, c.spearman_ci_high,
        c.kendall as kendall_tau_b
    from boot_correlations as c
    join groups as g using (group_id)
)

select * from final
