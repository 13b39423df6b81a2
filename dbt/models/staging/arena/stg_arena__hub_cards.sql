-- Licences from Hub cards (ingest.hub_cards), one row per dataset; failures keep their error.
with source as (
    select * from {{ optional_lake_source('arena', 'hub_cards', [
        'dataset_id varchar', 'hub_id varchar', 'license varchar', 'fetched_at varchar', 'error varchar']) }}
),

final as (
    select dataset_id, any_value(hub_id) as hub_id, any_value(license) as license,
        max(fetched_at) as fetched_at, any_value(error) as error
    from source
    group by dataset_id
)

select * from final
