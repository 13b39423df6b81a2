with source as (
    select * from {{ lake_source_or_empty('lineage', 'lineage_edge_flags') }}
),

final as (
    select edge_id, date_inconsistent, in_cycle
    from source
)

select * from final
