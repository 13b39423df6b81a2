-- Every failed LLM-judge attempt, across runs. Empty (typed) until the judge has run.
with source as (
    select * from {{ optional_lake_source('scoring', 'judge_errors', [
        'run_id varchar', 'dataset_id varchar', 'sample_id varchar', 'record_index bigint',
        'judge_model varchar', 'rubric_version varchar', 'attempt integer', 'error_kind varchar',
        'message varchar', 'final boolean', '"at" timestamptz']) }}
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
