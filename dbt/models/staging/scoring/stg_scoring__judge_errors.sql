-- Every failed LLM-judge attempt, across runs. Empty (typed) until the judge has run.
with source as (
    select * from {{ lake_source('judge_errors') }}
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
