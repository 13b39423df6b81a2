"""Atomic, idempotent Parquet partitions: the only way assets write per-sample data.

A partition is a folder `lake/<table>/<partition>/` of `part-NNNNN.parquet` files. Writers stream
record batches into a hidden temporary folder beside it and swap it into place only when the write
finished, so a crash midway leaves the previous version intact and a rerun replaces the partition
whole (never duplicates). Readers see either the old or the new files, never a mix.
"""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.paths import ArenaPaths

ROWS_PER_FILE = 500_000


class PartitionWriter:
    """Streams record batches of one schema into a partition; `commit()` swaps it into place.

    Use as a context manager: leaving the block without error commits, an exception discards.
    An empty partition is still written (one file with zero rows) so that readers and dbt see the
    partition and its schema.
    """

    def __init__(self, paths: ArenaPaths, table: str, partition: str, schema: pa.Schema):
        self.final_dir = paths.partition_dir(table, partition)
        self.final_dir.parent.mkdir(parents=True, exist_ok=True)
        self.tmp_dir = self.final_dir.parent / f".tmp-{partition}-{uuid.uuid4().hex[:8]}"
        self.tmp_dir.mkdir()
        self.schema = schema
        self.rows = 0
        self._file_index = 0
        self._rows_in_file = 0
        self._writer: pq.ParquetWriter | None = None

    def _open_next(self) -> None:
        if self._writer is not None:
            self._writer.close()
        path = self.tmp_dir / f"part-{self._file_index:05d}.parquet"
        self._writer = pq.ParquetWriter(path, self.schema, compression="zstd")
        self._file_index += 1
        self._rows_in_file = 0

    def write(self, batch: pa.RecordBatch | pa.Table) -> None:
        if batch.num_rows == 0:
            return
        if self._writer is None or self._rows_in_file >= ROWS_PER_FILE:
            self._open_next()
        table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
        self._writer.write_table(table.cast(self.schema))
        self._rows_in_file += batch.num_rows
        self.rows += batch.num_rows

    def write_rows(self, rows: list[dict]) -> None:
        if rows:
            self.write(pa.Table.from_pylist(rows, schema=self.schema))

    def commit(self) -> int:
        if self._writer is None:
            self._open_next()
        self._writer.close()
        self._writer = None
        trash = None
        if self.final_dir.exists():
            trash = self.final_dir.parent / f".old-{self.final_dir.name}-{uuid.uuid4().hex[:8]}"
            os.replace(self.final_dir, trash)
        os.replace(self.tmp_dir, self.final_dir)
        if trash is not None:
            shutil.rmtree(trash, ignore_errors=True)
        return self.rows

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        shutil.rmtree(self.tmp_dir, ignore_errors=True)

    def __enter__(self) -> "PartitionWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def write_partition(paths: ArenaPaths, table: str, partition: str, data: pa.Table | Iterable[pa.RecordBatch],
                    schema: pa.Schema | None = None) -> int:
    """Replace one partition with `data` (a table, or batches of `schema`). Returns the row count."""
    if isinstance(data, pa.Table):
        schema = schema or data.schema
        data = data.to_batches()
    if schema is None:
        raise ValueError(f"write_partition({table}/{partition}): a schema is needed for streamed batches")
    with PartitionWriter(paths, table, partition, schema) as writer:
        for batch in data:
            writer.write(batch)
    return writer.rows


def partition_files(paths: ArenaPaths, table: str, partition: str) -> list[Path]:
    return sorted(paths.partition_dir(table, partition).glob("part-*.parquet"))


def has_partition(paths: ArenaPaths, table: str, partition: str) -> bool:
    return bool(partition_files(paths, table, partition))


def iter_partition(paths: ArenaPaths, table: str, partition: str, batch_size: int = 10_000,
                   columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
    """Stream a partition's record batches without loading it whole."""
    files = partition_files(paths, table, partition)
    if not files:
        raise FileNotFoundError(f"lake table '{table}' has no partition '{partition}' under {paths.lake}")
    for f in files:
        yield from pq.ParquetFile(f).iter_batches(batch_size=batch_size, columns=columns)


def read_partition(paths: ArenaPaths, table: str, partition: str, columns: list[str] | None = None) -> pa.Table:
    files = partition_files(paths, table, partition)
    if not files:
        raise FileNotFoundError(f"lake table '{table}' has no partition '{partition}' under {paths.lake}")
    return pa.concat_tables([pq.read_table(f, columns=columns) for f in files])


def delete_partition(paths: ArenaPaths, table: str, partition: str) -> None:
    shutil.rmtree(paths.partition_dir(table, partition), ignore_errors=True)


def table_glob(paths: ArenaPaths, table: str) -> str:
    """The glob DuckDB reads a whole lake table through (`read_parquet(glob)`)."""
    return str(paths.table_dir(table) / "*" / "part-*.parquet")


def list_partitions(paths: ArenaPaths, table: str) -> list[str]:
    root = paths.table_dir(table)
    if not root.exists():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
