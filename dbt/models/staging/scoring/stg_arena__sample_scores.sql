-- Per-sample scores in long format. Empty (typed) until some dataset has been scored.
{%- set lake_files = env_var('ARENA_HOME', '../.arena') ~ '/lake/sample_scores/*/part-*.parquet' %}
{%- set has_files = true %}
{%- if execute %}
    {%- set has_files = run_query("select count(*) from glob('" ~ lake_files ~ "')").columns[0].values()[0] > 0 %}
{%- endif %}

with source as (
{%- if has_files %}
    select * from {{ source('scoring', 'sample_scores') }}
{%- else %}
    select
        null::varchar as dataset_id, null::varchar as sample_id, null::bigint as record_index,
        null::varchar as scorer, null::varchar as scorer_version, null::varchar as side,
        null::varchar as dimension, null::double as value, null::boolean as truncated, null::integer as windows
    where false
{%- endif %}
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
    from source
)

select * from final
