-- The lineage explorer's edge table: every edge with its evidence, review, flags and both endpoints.
with edges as (
    select * from {{ ref('int_lineage__edges_reviewed') }}
),

flags as (
    select * from {{ ref('int_lineage__edge_flags') }}
),

nodes as (
    select * from {{ ref('stg_lineage__nodes') }}
),

final as (
    select
        e.edge_id,
        e.source_id,
        s.node_name as source_name,
        s.role as source_role,
        s.release_date as source_release_date,
        e.target_id,
        t.node_name as target_name,
        t.role as target_role,
        t.release_date as target_release_date,
        e.relationship,
        e.original_label,
        e.confidence,
        e.evidence_kind,
        e.evidence_origin,
        e.evidence_quote,
        e.evidence_url,
        e.source_exists_on_hub,
        e.collector,
        e.collected_at,
        e.oriented_by,
        e.ov_source_samples,
        e.ov_target_samples,
        e.ov_target_in_source,
        e.ov_source_in_target,
        e.ov_target_prompt_only,
        e.ov_target_response_only,
        e.ov_exact_share,
        e.ov_matched_samples,
        e.review_status,
        e.reviewed_by,
        e.reviewed_at,
        e.review_note,
        e.review_status <> 'rejected' as is_active,
        coalesce(f.date_inconsistent, false) as date_inconsistent,
        coalesce(f.in_cycle, false) as in_cycle
    from edges as e
    left join flags as f using (edge_id)
    left join nodes as s on s.node_id = e.source_id
    left join nodes as t on t.node_id = e.target_id
)

select * from final
