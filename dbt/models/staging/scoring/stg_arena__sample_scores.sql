-- Per-sample scores in long format: heuristic and model scores (sample_scores) and LLM-judge scores
-- (judge_scores). Each lake table joins in once it has files; until then the view is empty but typed.
{%- set lake = env_var('ARENA_HOME', '../.arena') ~ '/lake/' %}
{%- set has = {'sample_scores': true, 'judge_scores': true} %}
{%- if execute %}
    {%- for t in has %}
        {%- do has.update({t: run_query("select count(*) from glob('" ~ lake ~ t ~ "/*/part-*.parquet')").columns[0].values()[0] > 0}) %}
    {%- endfor %}
{%- endif %}

with scores as (
    select
        null::varchar as dataset_id, null::varchar as sample_id, null::bigint as record_index,
        null::varchar as scorer, null::varchar as scorer_version, null::varchar as side,
        null::varchar as dimension, null::double as value, null::boolean as truncated, null::integer as windows
    where false
{%- for t in has if has[t] %}
    union all by name
    select * from {{ source('scoring', t) }}
{%- endfor %}
),

final as (
    select
        dataset_id,
        sample_id,
        record_index,
        scorer,
        scorer_version,
        side,
        dimension,
        value,
        truncated,
        windows
    from scores
)

select * from final
