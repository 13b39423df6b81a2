"""People's decisions on edges, kept apart from the edges so re-deriving never overwrites them.

Each review batch is its own lake partition (never replaced); the latest review of an edge wins. The
warehouse, and the dashboard through it, apply the log in one dbt model, `int_lineage__edges_reviewed`.
`apply_reviews` is for the graph assets (lineage_nodes, contamination_risk), which run before dbt and
leave rejected edges out of the graph. An edge nobody reviewed is 'proposed'.
"""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

import pyarrow as pa

from lineage.model import Review, reviews_table
from warehouse.tables import LINEAGE_REVIEWS


def latest_reviews(reviews: pa.Table) -> dict[str, dict]:
    """edge_id -> the most recent review row (ties broken by later position)."""
    latest: dict[str, dict] = {}
    for row in reviews.to_pylist():
        have = latest.get(row["edge_id"])
        if have is None or row["reviewed_at"] >= have["reviewed_at"]:
            latest[row["edge_id"]] = row
    return latest


def apply_reviews(edges: pa.Table, reviews: pa.Table | None) -> pa.Table:
    """Edges with review_status, reviewed_by, reviewed_at, review_note appended."""
    latest = latest_reviews(reviews) if reviews is not None and reviews.num_rows else {}
    ids = edges.column("edge_id").to_pylist()
    status = [latest[i]["status"] if i in latest else "proposed" for i in ids]
    by = [latest[i]["reviewer"] if i in latest else None for i in ids]
    at = [latest[i]["reviewed_at"] if i in latest else None for i in ids]
    note = [latest[i]["note"] if i in latest else None for i in ids]
    return (edges.append_column("review_status", pa.array(status, pa.string()))
            .append_column("reviewed_by", pa.array(by, pa.string()))
            .append_column("reviewed_at", pa.array(at, pa.timestamp("us", tz="UTC")))
            .append_column("review_note", pa.array(note, pa.string())))


def record_reviews(paths, reviews: Iterable[Review]) -> str:
    """Append a batch of reviews to the lake as a new partition; returns the partition name."""
    from warehouse.lake import write_partition

    table = reviews_table(reviews)
    if table.num_rows == 0:
        raise ValueError("record_reviews: no reviews given")
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    partition = f"{stamp}-{uuid.uuid4().hex[:8]}"
    write_partition(paths, LINEAGE_REVIEWS.name, partition, table, schema=LINEAGE_REVIEWS.schema)
    return partition


def read_reviews(paths) -> pa.Table:
    from warehouse.lake import list_partitions, read_partition

    parts = [read_partition(paths, LINEAGE_REVIEWS.name, p) for p in list_partitions(paths, LINEAGE_REVIEWS.name)]
    return pa.concat_tables(parts) if parts else LINEAGE_REVIEWS.schema.empty_table()
