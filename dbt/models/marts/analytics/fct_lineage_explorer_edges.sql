-- The lineage graph the explorer draws: one edge per (source, target) pair, whichever collectors
-- proposed it (catalog parents, ODA's graph, content overlap, the LLM agent), with every piece of
-- evidence and the latest human decision on the pair. Direction: source_dataset_id is upstream of
-- (was used to build) target_dataset_id. edge_id = md5('source->target'), as app/reviews.py computes it.
with edges as (
    select * from {{ ref('fct_lineage_edges') }}
),

pairs as (
    select
        md5(source_id || '->' || target_id) as edge_id,
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
        -- the latest decision on any of the pair's edges decides the pair
        arg_max(review_status, reviewed_at) filter (where reviewed_at is not null) as latest_status,
        arg_max(reviewed_by, reviewed_at) filter (where reviewed_at is not null) as reviewer,
        arg_max(review_note, reviewed_at) filter (where reviewed_at is not null) as review_note,
        max(reviewed_at) as reviewed_at
    from edges
    group by source_id, target_id
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
        coalesce(latest_status, 'proposed') as review_status,
        reviewer,
        review_note,
        reviewed_at
    from pairs
)

select * from final
