with source as (
    select * from {{ lake_source('contamination_risk') }}
),

final as (
    select dataset_id, benchmark_id, via_id, path, hops, via_share, own_share
    from source
)

select * from final
