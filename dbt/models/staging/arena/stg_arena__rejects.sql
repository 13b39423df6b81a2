-- Every record that did not become a sample, from either ingest stage, with its reason.
with read_rejects as (
    select * from {{ lake_source('rejects_read') }}
),

normalize_rejects as (
    select * from {{ lake_source('rejects_normalize') }}
),

final as (
    select dataset_id, record_index, stage, reason_code, reason, source_file, raw_excerpt from read_rejects
    union all
    select dataset_id, record_index, stage, reason_code, reason, source_file, raw_excerpt from normalize_rejects
)

select * from final
