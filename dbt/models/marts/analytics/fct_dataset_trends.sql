-- How datasets' value moves over time: per setup, release period (quarter when the catalog has a
-- date, year when only a published card does) and dataset domain, the mean score in the dataset's
-- own domain, the mean overall score and the mean gain over the base model.
with board as (
    select * from {{ ref('fct_leaderboard') }}
    where model_role = 'finetuned' and release_period is not null
),

domains as (
    select * from {{ ref('fct_leaderboard_domains') }}
),

final as (
    select
        b.source,
        b.base_model,
        b.protocol_id,
        b.release_period,
        b.release_year,
        b.dataset_domain,
        count(*) as n_datasets,
        avg(d.domain_avg) as mean_own_domain_score,
        avg(d.delta_base) as mean_own_domain_gain,
        avg(b.overall_avg) as mean_overall,
        avg(b.delta_base) as mean_overall_gain,
        list(b.dataset_name order by b.overall_avg desc) as datasets
    from board as b
    left join domains as d
        on d.source = b.source and d.base_model = b.base_model and d.protocol_id = b.protocol_id
        and d.model_key = b.model_key and d.domain = b.dataset_domain
    group by all
)

select * from final
