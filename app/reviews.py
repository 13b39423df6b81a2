"""Verify/reject from the dashboard, stored in the lineage pillar's review log (`lineage.reviews`).

The explorer shows one edge per (source, target) pair, whichever collectors proposed it; a person's
decision on the pair is recorded for every lineage edge of that pair. Reviews are append-only lake
partitions, never written into the DuckDB file (dbt is its one writer), so recording one never waits
on a build. The app also reads the log directly, so a decision shows at once, before the next build;
dbt applies the same log in `int_lineage__edges_reviewed`.
"""
from __future__ import annotations

import hashlib

import duckdb

from lineage.model import Review
from warehouse.tables import LINEAGE_EDGES, LINEAGE_REVIEWS
from lineage.reviews import record_reviews
from warehouse.lake import table_glob
from warehouse.paths import ArenaPaths

STATUSES = ("verified", "rejected")


def pair_id(source_dataset_id: str, target_dataset_id: str) -> str:
    """The explorer's edge id: md5 of 'source->target', as `fct_lineage_explorer_edges` computes it."""
    return hashlib.md5(f"{source_dataset_id}->{target_dataset_id}".encode()).hexdigest()


def _has_files(paths: ArenaPaths, table: str) -> bool:
    return any(paths.table_dir(table).glob("*/part-*.parquet"))


def _lineage_edge_ids(paths: ArenaPaths, source_dataset_id: str, target_dataset_id: str) -> list[str]:
    if not _has_files(paths, LINEAGE_EDGES.name):
        return []
    con = duckdb.connect()
    try:
        rows = con.execute("select distinct edge_id from read_parquet(?, union_by_name=true) "
                           "where source_id = ? and target_id = ?",
                           [table_glob(paths, LINEAGE_EDGES.name), source_dataset_id, target_dataset_id]).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def record_review(paths: ArenaPaths, edge_id: str, source_dataset_id: str, target_dataset_id: str, status: str,
                  reviewer: str = "", note: str = "") -> str:
    """Record a decision on the pair source -> target; returns the review batch (lake partition) name."""
    if status not in STATUSES:
        raise ValueError(f"review of edge {source_dataset_id} -> {target_dataset_id}: status {status!r} "
                         f"must be one of {', '.join(STATUSES)}")
    if edge_id != pair_id(source_dataset_id, target_dataset_id):
        raise ValueError(f"edge id {edge_id} is not the pair {source_dataset_id} -> {target_dataset_id}")
    edge_ids = _lineage_edge_ids(paths, source_dataset_id, target_dataset_id)
    if not edge_ids:
        raise ValueError(f"no lineage edge {source_dataset_id} -> {target_dataset_id} to review")
    who = reviewer.strip() or "anonymous"
    return record_reviews(paths, [Review(e, status, reviewer=who, note=note or None) for e in edge_ids])


def latest_reviews(paths: ArenaPaths) -> dict[str, dict]:
    """The latest decision on each explorer pair, read from the log (not the snapshot): pair id -> review."""
    if not (_has_files(paths, LINEAGE_REVIEWS.name) and _has_files(paths, LINEAGE_EDGES.name)):
        return {}
    con = duckdb.connect()
    try:
        cur = con.execute(
            "with edges as (select distinct edge_id, source_id, target_id from read_parquet(?, union_by_name=true)), "
            "reviews as (select * from read_parquet(?, union_by_name=true)) "
            "select md5(e.source_id || '->' || e.target_id) as edge_id, r.status, r.reviewer, r.note, r.reviewed_at "
            "from reviews as r join edges as e using (edge_id) "
            "qualify row_number() over (partition by e.source_id, e.target_id order by r.reviewed_at desc) = 1",
            [table_glob(paths, LINEAGE_EDGES.name), table_glob(paths, LINEAGE_REVIEWS.name)])
        cols = [d[0] for d in cur.description]
        return {r[0]: dict(zip(cols, r)) for r in cur.fetchall()}
    finally:
        con.close()
