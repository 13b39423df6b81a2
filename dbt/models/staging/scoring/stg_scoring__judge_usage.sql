-- Judge requests, cache hits and tokens per dataset, rubric and run. Empty (typed) until the judge has run.
with source as (
    select * from {{ lake_source('judge_usage') }}
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
