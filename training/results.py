"""The engine's lake tables: training runs, their loss curves, benchmark metrics and per-item predictions.

Every table is partitioned by `<dataset_id>__<protocol>` (baselines: `__base__` / `__instruct__` as
the dataset) and every row carries `dataset_id`, `protocol` and `run_id`, so SQL never parses folder
names. A partition is replaced whole (warehouse.lake), so rerunning a pair leaves exactly one result.
"""
from __future__ import annotations

import pyarrow as pa

from warehouse.lake import write_partition
from warehouse.paths import ArenaPaths

BASELINE_DATASETS = {"base": "__base__", "instruct": "__instruct__"}


def partition_key(dataset_id: str, protocol: str) -> str:
    return f"{dataset_id}__{protocol}"


def write_rows(paths: ArenaPaths, table: str, partition: str, rows: list[dict], schema: pa.Schema) -> int:
    return write_partition(paths, table, partition, pa.Table.from_pylist(rows, schema=schema), schema=schema)
