-- Every failed LLM-judge attempt, across runs. Empty (typed) until the judge has run.
{%- set lake_files = env_var('ARENA_HOME', '../.arena') ~ '/lake/judge_errors/*/part-*.parquet' %}
{%- set has_files = true %}
{%- if execute %}
    {%- set has_files = run_query("select count(*) from glob('" ~ lake_files ~ "')").columns[0].values()[0] > 0 %}
{%- endif %}

with source as (
{%- if has_files %}
    select * from {{ source('scoring', 'judge_errors') }}
{%- else %}
    select
        null::varchar as run_id, null::varchar as dataset_id, null::varchar as sample_id,
        null::bigint as record_index, null::varchar as judge_model, null::varchar as rubric_version,
        null::integer as attempt, null::varchar as error_kind, null::varchar as message,
        null::boolean as final, null::timestamptz as "at"
    where false
{%- endif %}
),

final as (
    select
        run_id,
        dataset_id,
        sample_id,
        record_index,
        judge_model,
        rubric_version,
        attempt,
        error_kind,
        message,
        final as is_final,
        "at" as attempted_at
    from source
)

select * from final
