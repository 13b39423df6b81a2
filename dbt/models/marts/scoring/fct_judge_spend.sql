-- What judging each dataset cost: requests, tokens and failures over all runs, per judge model and rubric.
with usage as (
    select * from {{ ref('stg_scoring__judge_usage') }}
),

errors as (
    select * from {{ ref('stg_scoring__judge_errors') }}
),

spend as (
    select
        dataset_id,
        judge_model,
        rubric_version,
        count(distinct run_id) as runs,
        max(samples) as samples,
        sum(requests) as requests,
        sum(cache_hits) as cache_hits,
        sum(judged) as judged,
        sum(prompt_tokens) as prompt_tokens,
        sum(completion_tokens) as completion_tokens
    from usage
    group by all
),

failures as (
    select
        dataset_id,
        judge_model,
        rubric_version,
        count(*) as failed_attempts,
        count(*) filter (where is_final) as given_up,
        count(*) filter (where error_kind = 'rate_limited') as rate_limited,
        count(*) filter (where error_kind = 'malformed_output') as malformed_outputs
    from errors
    group by all
),

final as (
    select
        s.*,
        s.prompt_tokens + s.completion_tokens as total_tokens,
        coalesce(f.failed_attempts, 0) as failed_attempts,
        coalesce(f.given_up, 0) as given_up,
        coalesce(f.rate_limited, 0) as rate_limited,
        coalesce(f.malformed_outputs, 0) as malformed_outputs
    from spend as s
    left join failures as f using (dataset_id, judge_model, rubric_version)
)

select * from final
