"""Read a user's data file (JSONL, JSON, CSV, Parquet; any format ingest knows) into sample batches,
without a warehouse: the same readers and normalizer as ingest, so scores match the arena's.

A Parquet file that already has the sample columns (a lake `samples` partition, or the output of
another tool) is scored as is. Records that do not normalize are counted and reported with their
record index and reason, never silently dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from ingest import formats
from ingest.catalog import DatasetEntry, Source
from ingest.formats import RecordError
from ingest.normalize import Normalizer
from ingest.readers import DEFAULT_MAX_RECORD_BYTES, iter_file
from warehouse.tables import SAMPLES
from scoring.batch import REQUIRED, SampleBatch

DETECT_RECORDS = 200


@dataclass
class FileRejects:
    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.examples) < 5:
            self.examples.append(message)


def dataset_id_for(path: Path) -> str:
    stem = path.name.split(".")[0].lower()
    return re.sub(r"[^a-z0-9_.-]+", "_", stem).strip("_") or "file"


def iter_file_batches(path: Path, batch_size: int = 1000, fmt: str = "auto", dataset_id: str | None = None,
                      rejects: FileRejects | None = None):
    """SampleBatches of the file at `path`; `rejects` collects records that do not normalize."""
    path = path.resolve()
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    dataset_id = dataset_id or dataset_id_for(path)
    rejects = rejects if rejects is not None else FileRejects()
    if path.suffix == ".parquet":
        names = pq.read_schema(path).names
        if all(c in names for c in REQUIRED):
            for rb in pq.ParquetFile(path).iter_batches(batch_size=batch_size):
                yield SampleBatch.from_arrow(rb)
            return
    entry = DatasetEntry(id=dataset_id, name=path.name, source=Source(path=str(path)), domain="unknown",
                         format=fmt if fmt in formats.FORMATS or fmt == "auto" else "auto")
    records = iter_file(str(path), entry, 0, DEFAULT_MAX_RECORD_BYTES)
    head, normalizer = [], None
    rows: list[dict] = []
    for rec in records:
        if rec.error_code:
            rejects.add(f"record {rec.record_index}: {rec.error_code}: {rec.error}")
            continue
        if normalizer is None:
            head.append(rec)
            if len(head) < DETECT_RECORDS:
                continue
            normalizer = _normalizer(dataset_id, fmt, head, path)
            for r in head:
                _normalize(normalizer, r, rows, rejects)
            head = []
        else:
            _normalize(normalizer, rec, rows, rejects)
        if len(rows) >= batch_size:
            yield _batch(rows)
            rows = []
    if normalizer is None and head:
        normalizer = _normalizer(dataset_id, fmt, head, path)
        for r in head:
            _normalize(normalizer, r, rows, rejects)
    if rows:
        yield _batch(rows)


def _normalizer(dataset_id: str, fmt: str, head, path: Path) -> Normalizer:
    if fmt == "auto":
        fmt = formats.detect_format(orjson.loads(r.text) for r in head) or "unknown"
    if fmt not in formats.FORMATS:
        keys = sorted(orjson.loads(head[0].text).keys())[:12] if head else []
        raise ValueError(f"{path}: no known record format fits (first record keys: {keys}); "
                         f"pass --format one of {sorted(formats.FORMATS)}")
    return Normalizer(dataset_id, fmt, allow_prompt_only=True)


def _normalize(normalizer: Normalizer, rec, rows: list[dict], rejects: FileRejects) -> None:
    try:
        rows.append(normalizer.normalize(rec.record_index, rec.text))
    except RecordError as e:
        rejects.add(f"dataset '{normalizer.dataset_id}' record {rec.record_index}: {e.code}: {e}")
    except ValueError as e:
        rejects.add(f"dataset '{normalizer.dataset_id}' record {rec.record_index}: invalid_json: {e}")


def _batch(rows: list[dict]) -> SampleBatch:
    return SampleBatch.from_arrow(pa.Table.from_pylist(rows, schema=SAMPLES.schema))
