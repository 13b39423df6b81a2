-- Datasets of the lineage graph (catalogued, ODA's, edge endpoints), merged by the graph asset.
with source as (
    select * from {{ lake_source('lineage_nodes') }}
),

final as (
    select
        node_id,
        name as node_name,
        role,
        domain,
        categories,
        release_date,
        date_precision,
        exists_on_hub,
        is_catalogued,
        looks_like_hub_id,
        data_type,
        summary,
        paper_url,
        downloads,
        origin
    from source
)

select * from final
