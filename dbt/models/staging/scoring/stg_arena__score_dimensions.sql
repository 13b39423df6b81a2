-- One row per score dimension: what it measures, which way is better, its range and scorer.
-- The lake keeps a copy per scored dataset (score_dimensions, judge_dimensions); the latest scorer
-- version's description wins.
{%- set lake = env_var('ARENA_HOME', '../.arena') ~ '/lake/' %}
{%- set has = {'score_dimensions': true, 'judge_dimensions': true} %}
{%- if execute %}
    {%- for t in has %}
        {%- do has.update({t: run_query("select count(*) from glob('" ~ lake ~ t ~ "/*/part-*.parquet')").columns[0].values()[0] > 0}) %}
    {%- endfor %}
{%- endif %}

with dimensions as (
    select
        null::varchar as dataset_id, null::varchar as scorer, null::varchar as scorer_name,
        null::varchar as scorer_version, null::varchar as category, null::varchar as kind,
        null::varchar as side, null::varchar as model, null::varchar as dimension,
        null::varchar as description, null::boolean as higher_is_better,
        null::double as range_min, null::double as range_max
    where false
{%- for t in has if has[t] %}
    union all by name
    select * from {{ source('scoring', t) }}
{%- endfor %}
),

final as (
    select
        dimension,
        arg_max(scorer, scorer_version) as scorer,
        arg_max(scorer_name, scorer_version) as scorer_name,
        max(scorer_version) as scorer_version,
        arg_max(category, scorer_version) as category,
        arg_max(kind, scorer_version) as kind,
        arg_max(side, scorer_version) as side,
        arg_max(model, scorer_version) as model,
        arg_max(description, scorer_version) as description,
        arg_max(higher_is_better, scorer_version) as higher_is_better,
        arg_max(range_min, scorer_version) as range_min,
        arg_max(range_max, scorer_version) as range_max
    from dimensions
    group by dimension
)

select * from final
