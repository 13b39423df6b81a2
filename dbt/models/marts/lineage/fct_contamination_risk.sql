-- Risk through the lineage: a dataset derived (at any depth) from a contaminated dataset or from a
-- benchmark, with the derivation path and the dataset's own measured share beside it.
with risk as (
    select * from {{ ref('int_lineage__contamination_risk') }}
),

final as (
    select
        dataset_id,
        benchmark_id,
        via_id,
        path,
        array_to_string(path, ' -> ') as path_text,
        hops,
        via_share,
        own_share,
        own_share is not null as is_measured,
        coalesce(own_share, 0) = 0 and via_share > 0 as is_hidden_risk
    from risk
)

select * from final
