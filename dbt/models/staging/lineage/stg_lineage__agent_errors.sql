-- What failed while the lineage agent read about each dataset (lineage.agent.AgentError): fetch errors
-- of the Hub card, GitHub READMEs and arXiv abstracts, and failed or unreadable model replies. Empty
-- (typed) until the agent has run.
with source as (
    select * from {{ lake_source('lineage_agent_errors') }}
),

final as (
    select
        run_id,
        dataset_id,
        stage,
        source as document_source,
        url,
        error_kind,
        message,
        attempt,
        final as is_final,
        agent_model,
        "at" as failed_at
    from source
)

select * from final
