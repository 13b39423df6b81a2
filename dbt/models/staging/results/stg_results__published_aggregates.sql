-- The aggregates a published file states (domain/overall averages and efficiencies).
with source as (
    select * from {{ optional_lake_source('results', 'published_aggregates', [
        'source varchar', 'base_model varchar', 'protocol_id varchar', 'dataset_id varchar',
        'model_role varchar', 'scope varchar', 'kind varchar', 'value double']) }}
),

final as (
    select source, base_model, protocol_id, dataset_id, model_role, scope, kind, value
    from source
)

select * from final
