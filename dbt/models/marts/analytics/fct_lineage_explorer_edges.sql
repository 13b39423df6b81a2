-- The lineage graph the explorer draws: one edge per (source, target) pair, whichever collectors
-- proposed it (catalog parents, ODA's graph, content overlap, the LLM agent), with every piece of
-- evidence and the latest human decision on the pair (int_lineage__edges_reviewed). Direction:
-- source_dataset_id is upstream of (was used to build) target_dataset_id; edge_id is the pair's id.
with edges as (
    select
        e.*,
        r.pair_id,
        r.pair_review_status,
        r.pair_reviewed_by,
        r.pair_review_note,
        r.pair_reviewed_at
    from {{ ref('fct_lineage_edges') }} as e
    join {{ ref('int_lineage__edges_reviewed') }} as r using (edge_id)
),

pairs as (
    select
        pair_id as edge_id,
        source_id as source_dataset_id,
        target_id as target_dataset_id,
        list(distinct relationship order by relationship) as relationships,
        max(confidence) as confidence,
        list(distinct evidence_kind order by evidence_kind) as evidence_kinds,
        list(struct_pack(detected_by := collector, evidence_kind := evidence_kind,
                         evidence_source := coalesce(evidence_origin, evidence_url, evidence_kind),
                         evidence_quote := evidence_quote, confidence := confidence)
             order by confidence desc) as evidence,
        list(edge_id order by edge_id) as lineage_edge_ids,
        bool_or(date_inconsistent) as date_inconsistent,
        bool_or(in_cycle) as in_cycle,
        any_value(pair_review_status) as review_status,
        any_value(pair_reviewed_by) as reviewer,
        any_value(pair_review_note) as review_note,
        any_value(pair_reviewed_at) as reviewed_at
    from edges
    group by pair_id, source_id, target_id
),

final as (
    select
        edge_id,
        source_dataset_id,
        target_dataset_id,
        relationships,
        confidence,
        evidence_kinds,
        evidence,
        lineage_edge_ids,
        date_inconsistent,
        in_cycle,
        review_status,
        reviewer,
        review_note,
        reviewed_at
    from pairs
)

select * from final
