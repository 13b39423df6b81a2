-- Whole-dataset (setwise) scores. Empty (typed) until some dataset has been scored.
{%- set lake_files = env_var('ARENA_HOME', '../.arena') ~ '/lake/set_scores/*/part-*.parquet' %}
{%- set has_files = true %}
{%- if execute %}
    {%- set has_files = run_query("select count(*) from glob('" ~ lake_files ~ "')").columns[0].values()[0] > 0 %}
{%- endif %}

with source as (
{%- if has_files %}
    select * from {{ source('scoring', 'set_scores') }}
{%- else %}
    select
        null::varchar as dataset_id, null::varchar as scorer, null::varchar as scorer_version,
        null::varchar as side, null::varchar as dimension, null::double as value,
        null::bigint as n_samples, null::bigint as n_used, null::varchar as method
    where false
{%- endif %}
),

final as (
    select
        dataset_id,
        scorer,
        scorer_version,
        side,
        dimension,
        value,
        n_samples,
        n_used,
        method,
        n_used = n_samples as is_exact
    from source
)

select * from final
