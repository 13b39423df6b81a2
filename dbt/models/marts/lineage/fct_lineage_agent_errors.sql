-- Per dataset the lineage agent read about: what it could not fetch and what the model failed on in
-- its last run, so a missing edge can be told from a dataset the agent never managed to read.
with errors as (
    select * from {{ ref('stg_lineage__agent_errors') }}
),

per_dataset as (
    select
        dataset_id,
        any_value(run_id) as run_id,
        any_value(agent_model) as agent_model,
        count(*) filter (where stage = 'fetch') as documents_not_fetched,
        count(*) filter (where stage = 'model' and is_final) as model_requests_given_up,
        count(*) filter (where stage = 'model' and not is_final) as model_retries,
        string_agg(distinct document_source || ' ' || error_kind, ', '
                   order by document_source || ' ' || error_kind) filter (where is_final) as error_kinds,
        min(message) filter (where is_final) as example_message,
        min(url) filter (where is_final and url <> '') as example_url,
        max(failed_at) as last_failed_at
    from errors
    group by dataset_id
)

select * from per_dataset
