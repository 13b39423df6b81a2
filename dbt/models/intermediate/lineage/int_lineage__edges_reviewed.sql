-- The one place reviews are applied: every edge with the latest review of the edge and the latest review
-- of its pair (an edge or pair nobody reviewed is 'proposed'). Reviews live in their own lake table keyed
-- by the edge's stable id, so re-deriving edges never overwrites a person's decision. pair_id identifies
-- the (source, target) pair the explorer shows as one edge, whichever collectors proposed it; the app
-- records a decision on a pair for every edge of the pair.
with edges as (
    select
        *,
        md5(source_id || '->' || target_id) as pair_id
    from {{ ref('stg_lineage__edges') }}
),

reviews as (
    select * from {{ ref('stg_lineage__reviews') }}
),

latest_edge_review as (
    select *
    from reviews
    qualify row_number() over (partition by edge_id order by reviewed_at desc, reviewer desc) = 1
),

-- the latest decision on any of a pair's edges decides the pair
latest_pair_review as (
    select p.pair_id, r.review_status, r.reviewer, r.reviewed_at, r.review_note
    from reviews as r
    join (select distinct edge_id, pair_id from edges) as p using (edge_id)
    qualify row_number() over (partition by p.pair_id order by r.reviewed_at desc, r.reviewer desc) = 1
),

final as (
    select
        e.*,
        coalesce(r.review_status, 'proposed') as review_status,
        r.reviewer as reviewed_by,
        r.reviewed_at,
        r.review_note,
        coalesce(p.review_status, 'proposed') as pair_review_status,
        p.reviewer as pair_reviewed_by,
        p.reviewed_at as pair_reviewed_at,
        p.review_note as pair_review_note
    from edges as e
    left join latest_edge_review as r using (edge_id)
    left join latest_pair_review as p using (pair_id)
)

select * from final
