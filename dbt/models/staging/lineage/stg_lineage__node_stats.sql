with source as (
    select * from {{ lake_source('lineage_node_stats') }}
),

final as (
    select node_id, n_parents, n_children, n_ancestors, n_descendants, depth, is_root, is_leaf,
           family_id, family_size, in_cycle, reuse_rank
    from source
)

select * from final
