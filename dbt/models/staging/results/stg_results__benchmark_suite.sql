-- ODA's benchmark suite: display name and the paper's domain per benchmark id.
with source as (
    select * from {{ optional_lake_source('results', 'benchmark_suite', [
        'benchmark varchar', 'benchmark_name varchar', 'domain varchar']) }}
),

final as (
    select distinct benchmark, benchmark_name, domain
    from source
)

select * from final
