-- Lineage edges from every collector, one row per edge and evidence (rename/cast only).
with source as (
    select * from {{ lake_source('lineage_edges') }}
),

final as (
    select
        edge_id,
        source_id,
        target_id,
        relationship,
        original_label,
        confidence::double as confidence,
        evidence_kind,
        evidence_origin,
        evidence_quote,
        evidence_url,
        source_exists_on_hub,
        collector,
        collected_at,
        oriented_by,
        ov_source_samples,
        ov_target_samples,
        ov_target_in_source,
        ov_source_in_target,
        ov_target_prompt_only,
        ov_target_response_only,
        ov_source_prompt_in_target,
        ov_exact_share,
        ov_matched_samples,
        ov_jaccard_threshold
    from source
)

select * from final
