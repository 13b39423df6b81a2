-- ODA's score summaries name datasets by display or file name ('Alpaca', 'mathgpt4o200k',
-- 'qihoo360_Light-R1-SFTData_train', 'ise-uiuc__Magicoder-Evol-Instruct-110K'): each name resolved
-- to a dataset_id by the most direct alias that matches, null when none does.
with names as (
    select distinct dataset_name from {{ ref('stg_results__score_summaries') }}
),

aliases as (
    select * from {{ ref('int_datasets__aliases') }}
),

candidates as (
    select n.dataset_name, a.dataset_id, c.rank
    from names as n
    cross join lateral (values
        (1, lower(n.dataset_name)),
        (2, {{ name_key('n.dataset_name') }}),
        (3, {{ file_name_hub_key('n.dataset_name') }}),
        (4, 'loose:' || {{ loose_key('n.dataset_name') }})
    ) as c(rank, alias)
    join aliases as a on a.alias = c.alias
),

final as (
    select n.dataset_name, arg_min(c.dataset_id, c.rank) as dataset_id
    from names as n
    left join candidates as c using (dataset_name)
    group by n.dataset_name
)

select * from final
