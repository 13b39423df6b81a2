-- Content-overlap statistics of each dataset pair sharing samples (a and b in name order).
with source as (
    select * from {{ lake_source('lineage_overlap_pairs') }}
),

final as (
    select * from source
)

select * from final
