-- Dataset cards from published files (one row per source and dataset).
with source as (
    select * from {{ optional_lake_source('results', 'published_datasets', [
        'source varchar', 'dataset_id varchar', 'dataset_name varchar', 'domain varchar',
        'release_year integer', 'samples bigint', 'hub_id varchar', 'homepage varchar', 'paper varchar',
        'affiliation varchar', 'tag varchar']) }}
),

final as (
    select source, dataset_id, dataset_name, domain, release_year, samples, hub_id, homepage, paper,
        affiliation, tag
    from source
)

select * from final
