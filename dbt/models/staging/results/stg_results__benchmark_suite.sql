-- ODA's benchmark suite: display name and the paper's domain per benchmark id.
with source as (
    select * from {{ lake_source('benchmark_suite') }}
),

final as (
    select distinct benchmark, benchmark_name, domain
    from source
)

select * from final
