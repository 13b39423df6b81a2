{#-
  bootstrap_correlations(pairs, draws): CTEs ending in `boot_correlations`: Pearson, Spearman and Kendall
  tau-b per group of paired values,
  each with a percentile bootstrap 95% interval over the group's items.

  `pairs` must have columns group_id, item, x, y (one row per item and group). Draw 0 is the sample
  itself (the point estimates); draws 1..N resample the group's items with replacement, picking slot j
  of draw d as item 1 + hash(group_id, d, j) mod n, so a rebuild gives the same intervals. Ranks are
  average ranks (ties count right), so Spearman is Pearson on ranks; tau-b corrects for ties, which a
  resample with repeated items always has. kendall_intervals=false computes Kendall on the sample only
  (its pairs grow with n squared per draw: too many for hundreds of groups at ODA scale).
-#}
{% macro bootstrap_correlations(pairs, draws, kendall_intervals=true) -%}
boot_numbered as (
    select group_id, item, x, y,
        row_number() over (partition by group_id order by item) as slot,
        count(*) over (partition by group_id) as n
    from {{ pairs }}
    where x is not null and y is not null
),

boot_draw_ids as (
    select range as draw from range({{ draws }} + 1)
),

boot_resampled as (
    select g.group_id, d.draw, s.slot as pick_slot,
        case when d.draw = 0 then s.slot else 1 + (hash(g.group_id, d.draw, s.slot) % g.n) end as item_slot
    from (select distinct group_id, n from boot_numbered) as g
    cross join boot_draw_ids as d
    join boot_numbered as s on s.group_id = g.group_id
),

boot_sampled as (
    select r.group_id, r.draw, r.pick_slot, v.x, v.y
    from boot_resampled as r
    join boot_numbered as v on v.group_id = r.group_id and v.slot = r.item_slot
),

boot_ranked as (
    select *,
        rank() over (partition by group_id, draw order by x)
            + (count(*) over (partition by group_id, draw, x) - 1) / 2.0 as rx,
        rank() over (partition by group_id, draw order by y)
            + (count(*) over (partition by group_id, draw, y) - 1) / 2.0 as ry
    from boot_sampled
),

boot_per_draw as (
    select group_id, draw, count(*) as n, corr(x, y) as pearson, corr(rx, ry) as spearman
    from boot_ranked
    group by group_id, draw
),

boot_pair_signs as (
    select a.group_id, a.draw,
        count(*) filter (where sign(a.x - b.x) * sign(a.y - b.y) > 0) as concordant,
        count(*) filter (where sign(a.x - b.x) * sign(a.y - b.y) < 0) as discordant,
        count(*) as n_pairs,
        count(*) filter (where a.x = b.x) as ties_x,
        count(*) filter (where a.y = b.y) as ties_y
    from boot_sampled as a
    join boot_sampled as b on a.group_id = b.group_id and a.draw = b.draw and a.pick_slot < b.pick_slot
    {% if not kendall_intervals %}where a.draw = 0{% endif %}
    group by a.group_id, a.draw
),

boot_kendall as (
    select group_id, draw,
        case when n_pairs > ties_x and n_pairs > ties_y
            then (concordant - discordant) / sqrt((n_pairs - ties_x)::double * (n_pairs - ties_y)) end as kendall
    from boot_pair_signs
),

boot_draw_stats as (
    select p.*, k.kendall
    from boot_per_draw as p
    left join boot_kendall as k using (group_id, draw)
),

boot_correlations as (
    select
        group_id,
        max(n) filter (where draw = 0) as n,
        round(max(pearson) filter (where draw = 0), 6) as pearson,
        quantile_cont(pearson, 0.025) filter (where draw > 0) as pearson_ci_low,
        quantile_cont(pearson, 0.975) filter (where draw > 0) as pearson_ci_high,
        round(max(spearman) filter (where draw = 0), 6) as spearman,
        quantile_cont(spearman, 0.025) filter (where draw > 0) as spearman_ci_low,
        quantile_cont(spearman, 0.975) filter (where draw > 0) as spearman_ci_high,
        round(max(kendall) filter (where draw = 0), 6) as kendall,
        quantile_cont(kendall, 0.025) filter (where draw > 0) as kendall_ci_low,
        quantile_cont(kendall, 0.975) filter (where draw > 0) as kendall_ci_high,
        count(*) filter (where draw > 0) as draws
    from boot_draw_stats
    group by group_id
)
{%- endmacro %}
