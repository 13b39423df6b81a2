-- Verify/reject decisions on lineage edges from the dashboard, one row per review (append-only).
with source as (
    select * from {{ optional_lake_source('reviews', 'lineage_reviews', [
        'review_id varchar', 'edge_id varchar', 'source_dataset_id varchar', 'target_dataset_id varchar',
        'status varchar', 'reviewer varchar', 'note varchar', 'reviewed_at timestamp']) }}
),

final as (
    select review_id, edge_id, source_dataset_id, target_dataset_id, status, reviewer, note, reviewed_at
    from source
)

select * from final
