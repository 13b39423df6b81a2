"""Lineage scans sharded across Ray tasks, merged to exactly what one process computes.

Both scans are per sample: a MinHash signature depends only on its sample's text, and a contamination
match only on (sample, benchmark item). So a dataset's samples partition is cut into contiguous
shards of row groups, each shard is one task, and the driver concatenates the shards' results in
shard order: the same rows in the same order as the one-process scan. The benchmark index is built
once on the driver and shipped to the tasks through the object store (`ray.put`), not rebuilt per
task. The LSH pairing and edge classification that follow the signatures are global (every dataset
against every other) and run on the driver over the merged signatures, as in one process.

A task lost with its worker is retried by Ray (`max_retries`); since a shard's result is only used
once its task has returned, and the driver checks the merged rows against the partition's sample
ids, a retry can neither lose nor double a row.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.tables import CONTAMINATION_MATCHES, SAMPLES
from lineage.contamination import BenchmarkIndex
from lineage.overlap import MinHasher, OverlapConfig, Signatures
from warehouse import lake
from warehouse.paths import ArenaPaths

SCAN_COLUMNS = ["dataset_id", "sample_id", "instruction_text", "response_text"]
TASK_RETRIES = 3


class ShardMismatch(RuntimeError):
    """The shards' results do not line up with the partition's samples."""


def shards(paths: ArenaPaths, dataset_id: str, rows_per_shard: int = 20_000) -> list[list[tuple[str, int, int, int]]]:
    """Contiguous shards of a partition, in order, of `rows_per_shard` rows (the last may be shorter):
    each a list of (file, row group, first row, end row) slices, so a shard reads only its row groups."""
    out, current, count = [], [], 0
    for f in lake.partition_files(paths, SAMPLES.name, dataset_id):
        meta = pq.read_metadata(f)
        for rg in range(meta.num_row_groups):
            n, start = meta.row_group(rg).num_rows, 0
            while start < n:
                stop = min(n, start + rows_per_shard - count)
                current.append((str(f), rg, start, stop))
                count += stop - start
                start = stop
                if count >= rows_per_shard:
                    out.append(current)
                    current, count = [], 0
    if current:
        out.append(current)
    return out


def read_shard(shard: list[tuple[str, int, int, int]], columns: list[str] = SCAN_COLUMNS) -> pa.Table:
    tables = [pq.ParquetFile(f).read_row_group(rg, columns=columns).slice(start, stop - start)
              for f, rg, start, stop in shard]
    return pa.concat_tables(tables) if tables else pa.table({c: pa.array([], pa.string()) for c in columns})


def _remote(fn):
    import ray

    return ray.remote(max_retries=TASK_RETRIES, retry_exceptions=False)(fn)


def _signature_shard(shard, config: OverlapConfig | None) -> pa.Table:
    table = read_shard(shard)
    if table.num_rows == 0:
        return None
    return MinHasher(config).signatures(table).to_table()


def _scan_shard(shard, index: BenchmarkIndex) -> pa.Table:
    batches = list(index.scan(read_shard(shard)))
    return CONTAMINATION_MATCHES.from_batches(batches)


def _sample_ids(paths: ArenaPaths, dataset_id: str) -> list[str]:
    return lake.read_partition(paths, SAMPLES.name, dataset_id, columns=["sample_id"]).column("sample_id").to_pylist()


def signatures(paths: ArenaPaths, dataset_id: str, config: OverlapConfig | None = None,
               rows_per_shard: int = 20_000) -> Signatures:
    """A dataset's MinHash signatures computed shard by shard on the cluster, in partition order."""
    import ray

    task = _remote(_signature_shard)
    refs = [task.remote(s, config) for s in shards(paths, dataset_id, rows_per_shard)]
    parts = [t for t in ray.get(refs) if t is not None and t.num_rows]
    if not parts:
        raise ValueError(f"dataset '{dataset_id}' has no samples to sign")
    sigs = Signatures.from_table(pa.concat_tables(parts))
    if sigs.sample_ids != _sample_ids(paths, dataset_id):
        raise ShardMismatch(f"signatures of '{dataset_id}' do not line up with its samples partition")
    return sigs


def scan_contamination(paths: ArenaPaths, dataset_ids: Iterable[str], index: BenchmarkIndex,
                       rows_per_shard: int = 20_000) -> dict[str, pa.Table]:
    """Contamination matches of every dataset against `index`, every (dataset, shard) a task; the
    matches of each dataset concatenated in shard order (as one process scans them)."""
    import ray

    task = _remote(_scan_shard)
    index_ref = ray.put(index)
    refs = {d: [task.remote(s, index_ref) for s in shards(paths, d, rows_per_shard)] for d in dataset_ids}
    out = {}
    for d, rs in refs.items():
        tables = ray.get(rs)
        out[d] = pa.concat_tables(tables) if tables else CONTAMINATION_MATCHES.schema.empty_table()
    return out
