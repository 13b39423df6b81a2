-- Each sample's domain (the MiniLM classifier's class and probability) and the keyword baseline's.
-- Empty (typed) until some dataset has been classified.
with source as (
    select * from {{ optional_lake_source('scoring', 'sample_domains', [
        'dataset_id varchar', 'sample_id varchar', 'record_index bigint', 'domain varchar',
        'confidence double', 'keyword_domain varchar', 'model_id varchar']) }}
),

final as (
    select dataset_id, sample_id, record_index, domain, confidence, keyword_domain, model_id
    from source
)

select * from final
