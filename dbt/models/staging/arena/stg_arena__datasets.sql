-- One row per catalogued dataset. A dataset listed in several catalogs keeps one row (they are
-- validated to be identical); `catalogs` lists where it appears.
with source as (
    select * from {{ lake_source('catalog') }}
),

final as (
    select
        dataset_id,
        any_value(name) as dataset_name,
        any_value(domain) as domain,
        any_value(role) as role,
        any_value(license) as license,
        any_value(release_date) as release_date,
        any_value(homepage) as homepage,
        any_value(paper) as paper,
        any_value(parents) as declared_parents,
        any_value(declared_size) as declared_size,
        any_value(tags) as tags,
        any_value(source_kind) as source_kind,
        any_value(source) as source_spec,
        any_value(hub_id) as hub_id,
        any_value(format) as declared_format,
        any_value(description) as description,
        list(distinct catalog order by catalog) as catalogs
    from source
    group by dataset_id
)

select * from final
