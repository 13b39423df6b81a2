-- Every review ever recorded (several per edge over time; the latest applies).
with source as (
    select * from {{ lake_source('lineage_reviews') }}
),

final as (
    select edge_id, status as review_status, reviewer, reviewed_at, note as review_note
    from source
)

select * from final
