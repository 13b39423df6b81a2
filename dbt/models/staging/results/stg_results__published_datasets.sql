-- Dataset cards from published files (one row per source and dataset).
with source as (
    select * from {{ lake_source('published_datasets') }}
),

final as (
    select source, dataset_id, dataset_name, domain, release_year, samples, hub_id, homepage, paper,
        affiliation, tag
    from source
)

select * from final
