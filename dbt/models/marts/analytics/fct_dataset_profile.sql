-- Each dataset's fingerprint as one row per dimension, with its percentile among all datasets: the
-- shape measured at ingest (lengths, duplicates, turns) plus the scorers' quality dimensions
-- (fct_dataset_fingerprint).
with datasets as (
    select * from {{ ref('dim_datasets') }}
    where is_ingested
),

fingerprint as (
    select * from {{ ref('fct_dataset_fingerprint') }}
),

ingest_dims as (
    unpivot (
        select
            dataset_id,
            avg_instruction_words::double as avg_instruction_words,
            avg_response_words::double as avg_response_words,
            median_response_words::double as median_response_words,
            duplicate_share::double as duplicate_share,
            reject_share::double as reject_share,
            (multi_turn_samples::double / nullif(samples, 0)) as multi_turn_share,
            (samples_with_system_prompt::double / nullif(samples, 0)) as system_prompt_share,
            log10(greatest(samples, 1))::double as log10_samples
        from datasets
    )
    on columns(* exclude (dataset_id))
    into name dimension value value
),

ingest_ranked as (
    select dataset_id, dimension, value, null::double as median, null::double as p10, null::double as p90,
        100.0 * percent_rank() over (partition by dimension order by value) as percentile,
        'ingest' as dimension_source
    from ingest_dims
),

scored as (
    select dataset_id, dimension, mean as value, median, p10, p90,
        coalesce(percentile, 100.0 * percent_rank() over (partition by dimension order by mean)) as percentile,
        'scoring' as dimension_source
    from fingerprint
),

final as (
    select * from ingest_ranked
    union all
    select * from scored
)

select * from final
