-- Judge requests, cache hits and tokens per dataset, rubric and run. Empty (typed) until the judge has run.
{%- set lake_files = env_var('ARENA_HOME', '../.arena') ~ '/lake/judge_usage/*/part-*.parquet' %}
{%- set has_files = true %}
{%- if execute %}
    {%- set has_files = run_query("select count(*) from glob('" ~ lake_files ~ "')").columns[0].values()[0] > 0 %}
{%- endif %}

with source as (
{%- if has_files %}
    select * from {{ source('scoring', 'judge_usage') }}
{%- else %}
    select
        null::varchar as run_id, null::timestamptz as "at", null::varchar as dataset_id,
        null::varchar as judge_model, null::varchar as rubric_version, null::bigint as samples,
        null::bigint as cache_hits, null::bigint as requests, null::bigint as judged, null::bigint as failed,
        null::bigint as prompt_tokens, null::bigint as completion_tokens
    where false
{%- endif %}
),

final as (
    select
        run_id,
        "at" as run_at,
        dataset_id,
        judge_model,
        rubric_version,
        samples,
        cache_hits,
        requests,
        judged,
        failed,
        prompt_tokens,
        completion_tokens
    from source
)

select * from final
