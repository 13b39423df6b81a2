-- Every way the arena's inputs name a dataset, mapped to one dataset_id: the catalog's id where the
-- dataset is catalogued, else the published file's key (`ingest.identity`: lowercased Hub id, file
-- variants kept apart). Aliases: catalog ids, Hub ids (case-insensitive) and display names;
-- published keys and names; and, prefixed 'loose:', names reduced to their letters and digits
-- (macro loose_key), the last resort for ODA's file-derived names ('mathgpt4o200k').
with catalog as (
    select dataset_id, dataset_name, hub_id from {{ ref('stg_arena__datasets') }}
),

published as (
    select dataset_id, any_value(dataset_name) as dataset_name, any_value(hub_id) as hub_id
    from {{ ref('stg_results__published_datasets') }}
    group by dataset_id
),

catalog_aliases as (
    select dataset_id as alias, dataset_id, 'catalog id' as alias_kind, 1 as priority from catalog
    union all
    select {{ hub_key('hub_id') }}, dataset_id, 'catalog hub id', 2 from catalog where hub_id is not null
    union all
    select {{ name_key('dataset_name') }}, dataset_id, 'catalog name', 3 from catalog
    union all
    select 'loose:' || {{ loose_key('dataset_name') }}, dataset_id, 'catalog loose name', 6 from catalog
    union all
    select 'loose:' || {{ loose_key("split_part(hub_id, '/', 2)") }}, dataset_id, 'catalog loose repo name', 7
    from catalog where hub_id is not null
),

-- a published dataset joins its catalog entry by key, else by Hub id, else by display name
published_resolved as (
    select p.dataset_id as published_key, p.dataset_name, p.hub_id,
        coalesce(
            (select min(a.dataset_id) from catalog_aliases as a where a.alias = p.dataset_id and a.priority <= 2),
            (select min(a.dataset_id) from catalog_aliases as a where a.alias = {{ name_key('p.dataset_name') }} and a.priority = 3)
        ) as catalog_id
    from published as p
),

published_aliases as (
    select published_key as alias, coalesce(catalog_id, published_key) as dataset_id, 'published key' as alias_kind,
        4 as priority from published_resolved
    union all
    select {{ name_key('dataset_name') }}, coalesce(catalog_id, published_key), 'published name', 5
    from published_resolved
),

unioned as (
    select * from catalog_aliases
    union all
    select * from published_aliases
),

final as (
    -- one target per alias: the most direct kind wins
    select alias, arg_min(dataset_id, priority) as dataset_id, arg_min(alias_kind, priority) as alias_kind
    from unioned
    where alias is not null and alias <> ''
    group by alias
)

select * from final
