"""The engine's lake tables: training runs, their loss curves, benchmark metrics and per-item predictions.

Every table is partitioned by `<dataset_id>__<protocol>` (baselines: `__base__` / `__instruct__` as
the dataset) and every row carries `dataset_id`, `protocol` and `run_id`, so SQL never parses folder
names. A partition is replaced whole (warehouse.lake), so rerunning a pair leaves exactly one result.
"""
from __future__ import annotations

import pyarrow as pa

from warehouse.lake import write_partition
from warehouse.paths import ArenaPaths

RUNS_TABLE = "training_runs"
LOSS_TABLE = "training_loss"
RESULTS_TABLE = "benchmark_results"
PREDICTIONS_TABLE = "benchmark_predictions"

BASELINE_DATASETS = {"base": "__base__", "instruct": "__instruct__"}

RUN_SCHEMA = pa.schema([
    ("run_id", pa.string()), ("dataset_id", pa.string()), ("protocol", pa.string()),
    ("protocol_version", pa.int32()), ("protocol_hash", pa.string()), ("dataset_fingerprint", pa.string()),
    ("base_model", pa.string()), ("finetune", pa.string()), ("n_samples", pa.int64()),
    ("n_available", pa.int64()), ("steps", pa.int64()), ("epochs", pa.float64()), ("tokens_seen", pa.int64()),
    ("train_loss", pa.float64()), ("final_loss", pa.float64()), ("wall_s", pa.float64()), ("train_runtime_s", pa.float64()),
    ("device_type", pa.string()), ("device_name", pa.string()), ("device_count", pa.int32()),
    ("precision", pa.string()),   # what ran: the protocol's on GPU, bf16 or fp32 on CPU
    ("per_device_batch", pa.int32()), ("grad_accum", pa.int32()), ("global_batch", pa.int32()),
    ("resumed_from_step", pa.int64()), ("model_dir", pa.string()),
    ("started_at", pa.timestamp("s", tz="UTC")), ("finished_at", pa.timestamp("s", tz="UTC")),
])

LOSS_SCHEMA = pa.schema([
    ("run_id", pa.string()), ("dataset_id", pa.string()), ("protocol", pa.string()), ("step", pa.int64()),
    ("epoch", pa.float64()), ("loss", pa.float64()), ("learning_rate", pa.float64()), ("num_tokens", pa.int64()),
])

RESULT_SCHEMA = pa.schema([
    ("run_id", pa.string()), ("dataset_id", pa.string()), ("protocol", pa.string()),
    ("model_kind", pa.string()),      # finetuned | base | instruct
    ("benchmark", pa.string()), ("task", pa.string()), ("domain", pa.string()), ("metric", pa.string()),
    ("filter", pa.string()), ("value", pa.float64()), ("stderr", pa.float64()), ("n", pa.int64()),
    ("backend", pa.string()), ("eval_mode", pa.string()), ("evaluated_at", pa.timestamp("s", tz="UTC")),
])

PREDICTION_SCHEMA = pa.schema([
    ("run_id", pa.string()), ("dataset_id", pa.string()), ("protocol", pa.string()), ("model_kind", pa.string()),
    ("benchmark", pa.string()), ("item_index", pa.int64()), ("item_id", pa.string()), ("prompt", pa.string()),
    ("response", pa.string()), ("target", pa.string()), ("correct", pa.float64()), ("metrics_json", pa.string()),
])


def partition_key(dataset_id: str, protocol: str) -> str:
    return f"{dataset_id}__{protocol}"


def write_rows(paths: ArenaPaths, table: str, partition: str, rows: list[dict], schema: pa.Schema) -> int:
    return write_partition(paths, table, partition, pa.Table.from_pylist(rows, schema=schema), schema=schema)


SCHEMAS = {RUNS_TABLE: RUN_SCHEMA, LOSS_TABLE: LOSS_SCHEMA, RESULTS_TABLE: RESULT_SCHEMA,
           PREDICTIONS_TABLE: PREDICTION_SCHEMA}
EMPTY_PARTITION = "_schema"


def ensure_tables(paths: ArenaPaths) -> None:
    """Give each table a zero-row partition until it has real ones, so dbt's views over the lake
    (DuckDB fails on a glob matching no file) build before the first training run."""
    from warehouse.lake import list_partitions

    for table, schema in SCHEMAS.items():
        if not list_partitions(paths, table):
            write_partition(paths, table, EMPTY_PARTITION, schema.empty_table(), schema=schema)
