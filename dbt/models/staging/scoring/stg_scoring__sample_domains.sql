-- Each sample's domain (the MiniLM classifier's class and probability) and the keyword baseline's.
-- Empty (typed) until some dataset has been classified.
with source as (
    select * from {{ lake_source('sample_domains') }}
),

final as (
    select dataset_id, sample_id, record_index, domain, confidence, keyword_domain, model_id
    from source
)

select * from final
