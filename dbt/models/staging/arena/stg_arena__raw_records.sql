-- The raw snapshot without the record text (query the lake table for the text itself).
with source as (
    select * from {{ lake_source('raw_records') }}
),

final as (
    select dataset_id, record_index, source_file, raw_bytes
    from source
)

select * from final
