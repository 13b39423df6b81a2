-- What each results import could not take as given, and what it did with it.
with source as (
    select * from {{ optional_lake_source('results', 'results_import_issues', [
        'source varchar', 'origin varchar', 'record varchar', 'field varchar', 'reason varchar',
        'action varchar', 'detail varchar']) }}
),

final as (
    select source, origin, record, field, reason, action, detail
    from source
)

select * from final
