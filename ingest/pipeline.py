"""The two ingest steps for one dataset, independent of Dagster so tests and benchmarks call them directly.

1. `read_dataset`: source -> lake `raw_records` (one row per parsed record, its exact text) and
   `rejects_read` (records that could not be parsed), plus a manifest of the source files.
2. `normalize_dataset`: `raw_records` -> lake `samples` and `rejects_normalize`.

The invariant both keep, and `account()` checks: every source record is in exactly one of
`samples`, `rejects_read`, `rejects_normalize`.
"""
from __future__ import annotations

import functools
import hashlib
import itertools
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
from tqdm import tqdm

from ingest import formats
from ingest.catalog import DatasetEntry
from ingest.formats import RecordError
from ingest.normalize import Normalizer, reject_row
from ingest.readers import DEFAULT_MAX_RECORD_BYTES, SourceError, iter_source, local_files
from warehouse.tables import RAW_RECORDS, REJECTS_NORMALIZE, REJECTS_READ, REJECT_SCHEMA, SAMPLES
from warehouse import lake
from warehouse.paths import ArenaPaths

log = logging.getLogger(__name__)

DEFAULT_MAX_REJECT_SHARE = 0.10
BATCH = 5_000
DETECT_SAMPLE = 1_000


class IngestError(RuntimeError):
    """The dataset as a whole cannot be ingested; the message names the dataset and the cause."""


@dataclass
class ReadStats:
    dataset_id: str
    records: int = 0
    parsed: int = 0
    rejected: int = 0
    bytes: int = 0
    files: list[dict] = field(default_factory=list)
    reject_reasons: dict[str, int] = field(default_factory=dict)


@dataclass
class NormalizeStats:
    dataset_id: str
    format: str | None = None
    input_records: int = 0
    samples: int = 0
    rejected: int = 0
    duplicates: int = 0
    read_rejected: int = 0
    reject_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def source_records(self) -> int:
        return self.input_records + self.read_rejected

    @property
    def reject_share(self) -> float:
        total = self.source_records
        return (self.rejected + self.read_rejected) / total if total else 0.0


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _progress(iterable, desc: str, enabled: bool):
    return tqdm(iterable, desc=desc, unit=" rec", mininterval=2.0, disable=not enabled, leave=False)


def read_dataset(entry: DatasetEntry, paths: ArenaPaths, *, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
                 progress: bool = True) -> ReadStats:
    """Snapshot the source into the lake; records that cannot be parsed go to `rejects_read`."""
    stats = ReadStats(entry.id)
    try:
        files = None if entry.source.hub is not None else local_files(entry)
    except SourceError as e:
        raise IngestError(str(e)) from None
    if files:
        stats.files = [{"path": f, "bytes": os.path.getsize(f), "sha256": _sha256(f)} for f in files]
    records = iter_source(entry, max_record_bytes, files=files)
    if entry.max_records is not None:
        records = itertools.islice(records, entry.max_records)
    raw_rows: list[dict] = []
    reject_rows: list[dict] = []
    shown = functools.lru_cache(maxsize=None)(_display_path)  # once per source file, not per record
    with lake.PartitionWriter(paths, RAW_RECORDS.name, entry.id, RAW_RECORDS.schema) as raw_out, \
            lake.PartitionWriter(paths, REJECTS_READ.name, entry.id, REJECT_SCHEMA) as rej_out:
        try:
            for rec in _progress(records, f"read {entry.id}", progress):
                stats.records += 1
                stats.bytes += rec.raw_bytes
                if rec.error_code is None:
                    raw_rows.append({"dataset_id": entry.id, "record_index": rec.record_index,
                                     "source_file": shown(rec.source_file), "raw_bytes": rec.raw_bytes,
                                     "record_json": rec.text})
                    if len(raw_rows) >= BATCH:
                        raw_out.write_rows(raw_rows)
                        raw_rows.clear()
                else:
                    stats.reject_reasons[rec.error_code] = stats.reject_reasons.get(rec.error_code, 0) + 1
                    reject_rows.append(reject_row(entry.id, rec.record_index, "read", rec.error_code, rec.error,
                                                  shown(rec.source_file), rec.excerpt))
                    if len(reject_rows) >= BATCH:
                        rej_out.write_rows(reject_rows)
                        reject_rows.clear()
        except SourceError as e:
            raise IngestError(f"dataset '{entry.id}': {e}") from None
        raw_out.write_rows(raw_rows)
        rej_out.write_rows(reject_rows)
        if stats.records == 0:
            raise IngestError(f"dataset '{entry.id}': the source has no records ({_describe_source(entry)})")
        stats.parsed = raw_out.rows
        stats.rejected = rej_out.rows
    return stats


def _display_path(path: str) -> str:
    """Source paths as stored: relative to the shared data folder or the project where possible,
    so that warehouse rows do not depend on where a clone lives."""
    from ingest.catalog import project_root
    from warehouse.paths import shared_data_dir

    for base, label in ((shared_data_dir(), "{shared}"), (project_root(), ".")):
        try:
            return f"{label}/{Path(path).resolve().relative_to(base)}"
        except ValueError:
            continue
    if "site-packages" in path:
        return "site-packages/" + path.split("site-packages/", 1)[1]
    return path


def _describe_source(entry: DatasetEntry) -> str:
    src = entry.source
    return {"hub": lambda: f"hub {src.hub.id}", "path": lambda: f"path {src.path}",
            "package": lambda: f"package {src.package.package}:{src.package.resource}",
            "generated": lambda: f"generated {src.generated}"}[src.kind]()


def normalize_dataset(entry: DatasetEntry, paths: ArenaPaths, *,
                      max_reject_share: float = DEFAULT_MAX_REJECT_SHARE, progress: bool = True) -> NormalizeStats:
    """Normalize the raw snapshot of one dataset into `samples`; fail when too much is rejected.

    When the reject share is over the bound, the rejects are still written (so the cause can be
    inspected in SQL) and any earlier samples of the dataset are removed, so the warehouse never shows
    a dataset as ingested from input it judged unusable.
    """
    bound = entry.max_reject_share if entry.max_reject_share is not None else max_reject_share
    stats = NormalizeStats(entry.id)
    if not lake.has_partition(paths, RAW_RECORDS.name, entry.id):
        raise IngestError(f"dataset '{entry.id}': no raw snapshot; materialize raw_datasets for it first")
    if lake.has_partition(paths, REJECTS_READ.name, entry.id):
        stats.read_rejected = lake.read_partition(paths, REJECTS_READ.name, entry.id, columns=["record_index"]).num_rows

    fmt = entry.format
    if fmt == "auto":
        from ingest.normalize import parse_record

        head = next(lake.iter_partition(paths, RAW_RECORDS.name, entry.id, batch_size=DETECT_SAMPLE, columns=["record_json"]), None)
        sample = [parse_record(t) for t in head.column(0).to_pylist()] if head is not None else []
        fmt = formats.detect_format(sample) or "unknown"
    stats.format = fmt
    normalizer = Normalizer(entry.id, fmt, columns=entry.columns, allow_prompt_only=entry.role == "benchmark")

    samples_out = lake.PartitionWriter(paths, SAMPLES.name, entry.id, SAMPLES.schema)
    try:
        with lake.PartitionWriter(paths, REJECTS_NORMALIZE.name, entry.id, REJECT_SCHEMA) as rej_out:
            rows, rejects = [], []
            batches = lake.iter_partition(paths, RAW_RECORDS.name, entry.id, batch_size=BATCH,
                                          columns=["record_index", "source_file", "record_json"])
            bar = tqdm(desc=f"normalize {entry.id}", unit=" rec", mininterval=2.0, disable=not progress, leave=False)
            for batch in batches:
                for idx, source_file, text in zip(*(batch.column(i).to_pylist() for i in range(3))):
                    stats.input_records += 1
                    try:
                        row = normalizer.normalize(idx, text)
                        stats.duplicates += row["is_duplicate"]
                        rows.append(row)
                    except RecordError as e:
                        stats.reject_reasons[e.code] = stats.reject_reasons.get(e.code, 0) + 1
                        rejects.append(reject_row(entry.id, idx, "normalize", e.code, str(e), source_file, text))
                if rows:
                    samples_out.write(pa.Table.from_pylist(rows, schema=SAMPLES.schema))
                    rows.clear()
                rej_out.write_rows(rejects)
                rejects.clear()
                bar.update(batch.num_rows)
            bar.close()
            stats.samples = samples_out.rows
            stats.rejected = rej_out.rows
        if stats.reject_share > bound:
            samples_out.abort()
            lake.delete_partition(paths, SAMPLES.name, entry.id)
            top = ", ".join(f"{k}: {v}" for k, v in sorted({**stats.reject_reasons}.items(), key=lambda kv: -kv[1])[:5])
            raise IngestError(
                f"dataset '{entry.id}': {stats.rejected + stats.read_rejected} of {stats.source_records} records "
                f"rejected ({stats.reject_share:.1%}), over the bound of {bound:.1%} (format '{fmt}'; reasons: {top or 'read errors'}); "
                f"see the rejects tables for each record's reason")
        samples_out.commit()
    except BaseException:
        samples_out.abort()
        raise
    return stats


def account(paths: ArenaPaths, dataset_id: str) -> dict[str, int]:
    """Counts per lake table for one dataset: source records must equal samples + all rejects."""
    counts = {}
    for table in (RAW_RECORDS.name, SAMPLES.name, REJECTS_READ.name, REJECTS_NORMALIZE.name):
        counts[table] = (lake.read_partition(paths, table, dataset_id, columns=["record_index"]).num_rows
                         if lake.has_partition(paths, table, dataset_id) else 0)
    return counts


def stats_dict(stats) -> dict:
    d = asdict(stats)
    if isinstance(stats, NormalizeStats):
        d["reject_share"] = stats.reject_share
        d["source_records"] = stats.source_records
    return d
