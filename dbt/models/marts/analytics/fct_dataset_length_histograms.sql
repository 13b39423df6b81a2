-- Length distributions per dataset on fixed power-of-two bins (0, 1, 2-3, 4-7, ...), so the dashboard
-- compares a dataset with all others without scanning every sample (tens of millions at ODA's scale).
with samples as (
    select dataset_id, instruction_words, response_words, n_turns
    from {{ ref('stg_arena__samples') }}
),

binned as (
    select dataset_id, 'response_words' as measure,
        case when response_words <= 0 then 0 else floor(log2(response_words))::int + 1 end as bin, count(*) as n
    from samples group by all
    union all
    select dataset_id, 'instruction_words',
        case when instruction_words <= 0 then 0 else floor(log2(instruction_words))::int + 1 end, count(*)
    from samples group by all
    union all
    select dataset_id, 'n_turns', case when n_turns <= 0 then 0 else floor(log2(n_turns))::int + 1 end, count(*)
    from samples group by all
),

final as (
    select dataset_id, measure, bin,
        case when bin = 0 then 0 else 2 ^ (bin - 1) end::bigint as bin_low,
        case when bin = 0 then 0 else 2 ^ bin - 1 end::bigint as bin_high,
        n
    from binned
)

select * from final
