-- Mixture experiments: a weighted mix of datasets against each dataset alone at the same sample or token
-- budget (and each arm against the untuned base model).
with experiments as (
    select * from {{ ref('fct_experiments') }}
    where experiment_kind = 'mix'
),

final as (
    select
        *,
        json_extract(spec_json, '$.weights') as mixture_weights,
        json_extract_string(spec_json, '$.budget_kind') as budget_kind,
        cast(json_extract(spec_json, '$.budget') as bigint) as budget
    from experiments
)

select * from final
