-- Licences from Hub cards (ingest.hub_cards), one row per dataset; failures keep their error.
with source as (
    select * from {{ lake_source('hub_cards') }}
),

final as (
    select dataset_id, any_value(hub_id) as hub_id, any_value(license) as license,
        max(fetched_at) as fetched_at, any_value(error) as error
    from source
    group by dataset_id
)

select * from final
