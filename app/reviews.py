"""Human review of lineage edges (verify/reject), stored append-only beside the warehouse.

DuckDB allows one writer, and dbt may be writing the warehouse at any moment, so the dashboard never
writes into it. Each review is its own lake partition `lineage_reviews/<review_id>/` (written
atomically by `warehouse.lake`); dbt reads them through the source `reviews.lineage_reviews`
(`stg_reviews__lineage_reviews` -> `fct_lineage_explorer_edges.review_status`), and the lineage
pillar can read the same table. The app reads the store directly too, so a review shows at once,
before the next build.
"""
from __future__ import annotations

import time
import uuid
from datetime import datetime, timezone

import duckdb
import pyarrow as pa

from warehouse.lake import table_glob, write_partition
from warehouse.paths import ArenaPaths

TABLE = "lineage_reviews"
STATUSES = ("verified", "rejected")
SCHEMA = pa.schema([
    ("review_id", pa.string()), ("edge_id", pa.string()), ("source_dataset_id", pa.string()),
    ("target_dataset_id", pa.string()), ("status", pa.string()), ("reviewer", pa.string()), ("note", pa.string()),
    ("reviewed_at", pa.timestamp("us")),
])


def record_review(paths: ArenaPaths, edge_id: str, source_dataset_id: str, target_dataset_id: str, status: str,
                  reviewer: str = "", note: str = "") -> str:
    """Append one review; returns its id. Reviews are never edited: the latest one counts."""
    if status not in STATUSES:
        raise ValueError(f"review of edge {source_dataset_id} -> {target_dataset_id}: status {status!r} "
                         f"must be one of {', '.join(STATUSES)}")
    review_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:12]}"
    row = dict(review_id=review_id, edge_id=edge_id, source_dataset_id=source_dataset_id,
               target_dataset_id=target_dataset_id, status=status, reviewer=reviewer or "anonymous", note=note or None,
               reviewed_at=datetime.now(timezone.utc).replace(tzinfo=None))
    write_partition(paths, TABLE, review_id, pa.Table.from_pylist([row], SCHEMA))
    return review_id


def latest_reviews(paths: ArenaPaths) -> dict[str, dict]:
    """The latest review of each edge, read from the store (not the snapshot): edge_id -> review."""
    if not any(paths.table_dir(TABLE).glob("*/part-*.parquet")):
        return {}
    con = duckdb.connect()
    try:
        cur = con.execute(
            "select edge_id, status, reviewer, note, reviewed_at from read_parquet(?, union_by_name=true) "
            "qualify row_number() over (partition by edge_id order by reviewed_at desc, review_id desc) = 1",
            [table_glob(paths, TABLE)])
        cols = [d[0] for d in cur.description]
        return {r[0]: dict(zip(cols, r)) for r in cur.fetchall()}
    finally:
        con.close()
