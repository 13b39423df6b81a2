-- Judge requests, cache hits and tokens per dataset, rubric and run. Empty (typed) until the judge has run.
with source as (
    select * from {{ optional_lake_source('scoring', 'judge_usage', [
        'run_id varchar', '"at" timestamptz', 'dataset_id varchar', 'judge_model varchar',
        'rubric_version varchar', 'samples bigint', 'cache_hits bigint', 'requests bigint', 'judged bigint',
        'failed bigint', 'prompt_tokens bigint', 'completion_tokens bigint']) }}
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
