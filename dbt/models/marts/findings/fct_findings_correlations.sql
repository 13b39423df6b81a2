-- Each correlation finding with n, Pearson, Spearman and Kendall tau-b and their bootstrap 95%
-- intervals (var('findings_bootstrap_draws') resamples of the datasets; macro bootstrap_correlations).
with pairs as (
    select group_id, item, x, y from {{ ref('fct_findings_pairs') }}
),

{{ bootstrap_correlations('pairs', var('findings_bootstrap_draws', 200)) }},

groups as (
    select distinct group_id, finding, source, setup_x, setup_y, scope from {{ ref('fct_findings_pairs') }}
),

final as (
    select g.finding, g.source, g.setup_x, g.setup_y, g.scope, c.*
    from groups as g
    join boot_correlations as c using (group_id)
    where c.n >= 3
)

select * from final
