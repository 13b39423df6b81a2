"""People's decisions on edges, kept apart from the edges so re-deriving never overwrites them.

Each review batch is its own lake partition (never replaced). The log is applied in one place, the dbt
model `int_lineage__edges_reviewed` (the latest review of an edge wins; an edge nobody reviewed is
'proposed'); the graph statistics, the risk table and the dashboard all read it.
"""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

import pyarrow as pa

from lineage.model import Review, reviews_table
from warehouse.tables import LINEAGE_REVIEWS


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
