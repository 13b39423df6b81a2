-- The lineage graph the explorer draws: edges declared by catalogs (a dataset's `parents`) plus the
-- edges the lineage pillar detects (fct_lineage_edges: source_dataset_id, target_dataset_id,
-- relationship, confidence, evidence_source, evidence_quote), each with its latest human review.
-- Direction: source_dataset_id is upstream of (was used to build) target_dataset_id.
with datasets as (
    select * from {{ ref('dim_datasets') }}
),

detected as (
    select * from {{ optional_ref('fct_lineage_edges', [
        'source_dataset_id varchar', 'target_dataset_id varchar', 'relationship varchar',
        'confidence double', 'evidence_source varchar', 'evidence_quote varchar']) }}
),

reviews as (
    select * from {{ ref('stg_reviews__lineage_reviews') }}
),

declared as (
    select
        unnest(declared_parents) as source_dataset_id,
        dataset_id as target_dataset_id,
        'declared parent' as relationship,
        1.0 as confidence,
        'catalog: ' || array_to_string(catalogs, ', ') as evidence_source,
        'parents: [' || array_to_string(declared_parents, ', ') || ']' as evidence_quote,
        'catalog' as detected_by
    from datasets
    where len(declared_parents) > 0
),

all_edges as (
    select * from declared
    union all
    select source_dataset_id, target_dataset_id, relationship, confidence, evidence_source, evidence_quote,
        'lineage pillar' as detected_by
    from detected
),

edges as (
    select
        md5(source_dataset_id || '->' || target_dataset_id) as edge_id,
        source_dataset_id,
        target_dataset_id,
        list(distinct relationship order by relationship) as relationships,
        max(confidence) as confidence,
        list(struct_pack(detected_by := detected_by, evidence_source := evidence_source,
                         evidence_quote := evidence_quote, confidence := confidence)) as evidence
    from all_edges
    group by source_dataset_id, target_dataset_id
),

latest_review as (
    select edge_id, status, reviewer, note, reviewed_at
    from reviews
    qualify row_number() over (partition by edge_id order by reviewed_at desc, review_id desc) = 1
),

final as (
    select
        e.*,
        coalesce(r.status, 'unreviewed') as review_status,
        r.reviewer,
        r.note as review_note,
        r.reviewed_at
    from edges as e
    left join latest_review as r using (edge_id)
)

select * from final
