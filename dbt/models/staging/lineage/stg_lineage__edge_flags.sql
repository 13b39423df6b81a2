with source as (
    select * from {{ lake_source('lineage_edge_flags') }}
),

final as (
    select edge_id, date_inconsistent, in_cycle
    from source
)

select * from final
