-- Per-sample scores in long format: heuristic and model scores (sample_scores) and LLM-judge scores
-- (judge_scores), one long table.
with scores as (
    select * from {{ lake_source('sample_scores') }}
    union all by name
    select * from {{ lake_source('judge_scores') }}
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
