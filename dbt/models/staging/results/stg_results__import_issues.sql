-- What each results import could not take as given, and what it did with it.
with source as (
    select * from {{ lake_source('results_import_issues') }}
),

final as (
    select source, origin, record, field, reason, action, detail
    from source
)

select * from final
