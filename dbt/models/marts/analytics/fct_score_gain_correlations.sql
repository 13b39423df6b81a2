-- Which dataset properties predict value? Per setup, gain domain (and 'overall') and fingerprint
-- dimension: Pearson and Spearman correlation, over fine-tuned datasets, between the dataset's value
-- on the dimension (fct_dataset_profile) and its gain over the base model in that domain.
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
        g.dataset_id, p.value, g.gain
    from gains as g
    join profile as p using (dataset_id)
),

ranked as (
    select *,
        rank() over w_value + (count(*) over (partition by source, base_model, protocol_id, gain_domain, dimension, value) - 1) / 2.0 as value_rank,
        rank() over w_gain + (count(*) over (partition by source, base_model, protocol_id, gain_domain, dimension, gain) - 1) / 2.0 as gain_rank
    from joined
    window
        w_value as (partition by source, base_model, protocol_id, gain_domain, dimension order by value),
        w_gain as (partition by source, base_model, protocol_id, gain_domain, dimension order by gain)
),

final as (
    select
        source, base_model, protocol_id, gain_domain, dimension, any_value(dimension_source) as dimension_source,
        count(*) as n_datasets,
        round(corr(value, gain), 6) as pearson_r,
        round(corr(value_rank, gain_rank), 6) as spearman_rho
    from ranked
    group by source, base_model, protocol_id, gain_domain, dimension
    -- three datasets at least, and both sides must vary (a constant has no correlation)
    having count(*) >= 3 and var_pop(value) > 0 and var_pop(gain) > 0
)

select * from final
