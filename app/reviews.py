"""Verify/reject from the dashboard, stored in the lineage review log (`lineage.reviews`).

The explorer shows one edge per (source, target) pair, whichever collectors proposed it; a person's
decision on the pair is recorded for every lineage edge of that pair (the pair's `lineage_edge_ids` in
the snapshot). Reviews are append-only lake partitions, never written into the DuckDB file (dbt is its
one writer), so recording one never waits on a build. dbt applies the log in one model,
`int_lineage__edges_reviewed`, whose decisions the explorer reads from the snapshot.
"""
from __future__ import annotations

from collections.abc import Sequence

from lineage.model import Review
from lineage.reviews import record_reviews
from warehouse.paths import ArenaPaths

STATUSES = ("verified", "rejected")


def record_review(paths: ArenaPaths, lineage_edge_ids: Sequence[str], status: str, reviewer: str = "",
                  note: str = "") -> str:
    """Record a decision on every lineage edge of one explorer pair; returns the review batch (lake
    partition) name."""
    if status not in STATUSES:
        raise ValueError(f"review status {status!r} must be one of {', '.join(STATUSES)}")
    if not lineage_edge_ids:
        raise ValueError("no lineage edge to review")
    who = reviewer.strip() or "anonymous"
    return record_reviews(paths, [Review(e, status, reviewer=who, note=note or None) for e in lineage_edge_ids])
