-- The aggregates a published file states (domain/overall averages and efficiencies).
with source as (
    select * from {{ lake_source('published_aggregates') }}
),

final as (
    select source, base_model, protocol_id, dataset_id, model_role, scope, kind, value
    from source
)

select * from final
