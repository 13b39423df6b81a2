-- Edges with the latest review applied (an edge nobody reviewed is 'proposed'). Reviews live in their
-- own table keyed by the edge's stable id, so re-deriving edges never overwrites a person's decision.
with edges as (
    select * from {{ ref('stg_lineage__edges') }}
),

reviews as (
    select * from {{ ref('stg_lineage__reviews') }}
),

latest_review as (
    select *
    from reviews
    qualify row_number() over (partition by edge_id order by reviewed_at desc, reviewer desc) = 1
),

final as (
    select
        e.*,
        coalesce(r.review_status, 'proposed') as review_status,
        r.reviewer as reviewed_by,
        r.reviewed_at,
        r.review_note
    from edges as e
    left join latest_review as r using (edge_id)
)

select * from final
