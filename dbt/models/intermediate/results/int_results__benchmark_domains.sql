-- The domain of each benchmark: the benchmark's own catalog entry when it is catalogued (role
-- 'benchmark'), else ODA's suite table (results/benchmarks.py, landed as the benchmark_suite source).
with catalogued as (
    select dataset_id as benchmark, dataset_name as benchmark_name, domain
    from {{ ref('stg_arena__datasets') }}
    where role = 'benchmark'
),

suite as (
    select benchmark, benchmark_name, domain from {{ ref('stg_results__benchmark_suite') }}
),

final as (
    select benchmark, benchmark_name, domain, 'catalog' as domain_from from catalogued
    union all
    select benchmark, benchmark_name, domain, 'oda suite' as domain_from from suite
    where benchmark not in (select benchmark from catalogued)
)

select * from final
