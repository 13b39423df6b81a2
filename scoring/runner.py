"""Run a suite of scorers over batches of samples into long-format score tables.

Long format (one row per sample x dimension) keeps the table schema fixed however many scorers a
suite has, so adding a scorer never migrates the warehouse, and dbt aggregates every dimension with
one query. NaN (not applicable, e.g. MTLD of a text whose words never repeat) is stored as NULL.

A `SuiteRunner` holds setwise states; runners over different shards of one dataset `merge` into the
same state whatever the sharding, then `set_table` finalizes whole-dataset values.
"""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import pyarrow as pa

from scoring.api import PointwiseScorer, Scorer, SetwiseScorer
from scoring.batch import SampleBatch
from scoring.textstats import TextStats
from warehouse.tables import DIMENSION_SCHEMA, SCORE_SCHEMA, SET_SCORES


class ScorerFailure(RuntimeError):
    pass


class SuiteRunner:
    def __init__(self, scorers: list[Scorer], share_features: bool = True):
        keys = [s.key for s in scorers]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"suite lists the same scorer and side twice: {dupes}")
        self.scorers = scorers
        self.pointwise = [s for s in scorers if isinstance(s, PointwiseScorer)]
        self.setwise = [s for s in scorers if isinstance(s, SetwiseScorer)]
        self.share_features = share_features
        self.states = {s.key: s.init_state() for s in self.setwise}
        self.seconds: dict[str, float] = defaultdict(float)
        self.samples = 0

    def process(self, batch: SampleBatch) -> pa.Table:
        """Score one batch: returns its pointwise rows and folds it into the setwise states."""
        stats = TextStats(batch, share=self.share_features)
        parts = []
        for scorer in self.pointwise:
            t0 = time.perf_counter()
            try:
                scorer.ensure_ready()
                result = scorer.score(batch, stats)
            except Exception as exc:
                raise ScorerFailure(_where(scorer, batch, exc)) from exc
            self.seconds[scorer.key] += time.perf_counter() - t0
            parts.append((scorer, _checked(scorer, batch, result)))
        for scorer in self.setwise:
            t0 = time.perf_counter()
            try:
                scorer.ensure_ready()
                self.states[scorer.key] = scorer.update(self.states[scorer.key], batch, stats)
            except Exception as exc:
                raise ScorerFailure(_where(scorer, batch, exc)) from exc
            self.seconds[scorer.key] += time.perf_counter() - t0
        self.samples += len(batch)
        return _long_table(batch, parts) if parts else SCORE_SCHEMA.empty_table()

    def merge(self, other: "SuiteRunner") -> None:
        """Fold another runner's setwise states (a different shard of the same dataset) into this one."""
        for scorer in self.setwise:
            self.states[scorer.key] = scorer.merge(self.states[scorer.key], other.states[scorer.key])
        self.samples += other.samples

    def set_table(self, dataset_id: str) -> pa.Table:
        rows = []
        for scorer in self.setwise:
            res = scorer.finalize(self.states[scorer.key])
            for dim in scorer.spec.dimensions:
                value = res.values[dim.name]
                rows.append({"dataset_id": dataset_id, "scorer": scorer.key, "scorer_version": scorer.spec.version,
                             "side": scorer.side, "dimension": scorer.dimension_key(dim.name),
                             "value": None if value is None or np.isnan(value) else float(value),
                             "n_samples": res.n_samples, "n_used": res.n_used, "method": res.method})
        return pa.Table.from_pylist(rows, schema=SET_SCORES.schema)

    def dimension_table(self, dataset_id: str) -> pa.Table:
        rows = []
        for scorer in self.scorers:
            d = scorer.describe()
            for dim in d["dimensions"]:
                rows.append({"dataset_id": dataset_id, "scorer": d["scorer"], "scorer_name": d["name"],
                             "scorer_version": d["version"], "category": d["category"], "kind": d["kind"],
                             "side": d["side"], "model": d["model"], **dim})
        return pa.Table.from_pylist(rows, schema=DIMENSION_SCHEMA)


def _where(scorer: Scorer, batch: SampleBatch, exc: Exception) -> str:
    if not len(batch):
        return f"scorer '{scorer.key}' failed on an empty batch: {exc!r}"
    return (f"scorer '{scorer.key}' failed on dataset '{batch.dataset_id[0]}' records "
            f"{min(batch.record_index)}..{max(batch.record_index)}: {exc!r}")


def _checked(scorer: PointwiseScorer, batch: SampleBatch, result):
    """The result's values (one array per dimension, in spec order), truncation and windows, checked."""
    n = len(batch)
    dims = scorer.spec.dimensions
    missing = [d.name for d in dims if d.name not in result.values]
    if missing:
        raise ScorerFailure(f"scorer '{scorer.key}' returned no values for dimensions {missing}")
    values = [np.asarray(result.values[d.name], dtype=np.float64) for d in dims]
    if any(len(v) != n for v in values):
        raise ScorerFailure(f"scorer '{scorer.key}' returned {sum(len(v) for v in values)} values for {n} samples "
                            f"x {len(dims)} dimensions")
    truncated = np.asarray(result.truncated if result.truncated is not None else np.zeros(n), dtype=bool)
    windows = np.asarray(result.windows if result.windows is not None else np.ones(n), dtype=np.int32)
    return values, truncated, windows


def _long_table(batch: SampleBatch, parts) -> pa.Table:
    """One long table for a batch and all its pointwise results (row = sample x dimension), built in
    one go: the label columns are Arrow `take`s from a few distinct strings and the ids are converted
    from Python once, not once per scorer (per-scorer tables were most of the runner's own cost)."""
    n = len(batch)
    labels = [(scorer.key, scorer.spec.version, scorer.side, scorer.dimension_key(d.name))
              for scorer, _ in parts for d in scorer.spec.dimensions]
    k = len(labels)
    per_dim = pa.array(np.repeat(np.arange(k), n))
    per_sample = pa.array(np.tile(np.arange(n), k))
    values = np.concatenate([v for _, (vals, _, _) in parts for v in vals]) if k else np.zeros(0)
    truncated = np.concatenate([np.tile(t, len(vals)) for _, (vals, t, _) in parts])
    windows = np.concatenate([np.tile(w, len(vals)) for _, (vals, _, w) in parts])
    label = [pa.array([x[j] for x in labels], pa.string()).take(per_dim) for j in range(4)]
    return pa.table({
        "dataset_id": pa.array(batch.dataset_id, pa.string()).take(per_sample),
        "sample_id": pa.array(batch.sample_id, pa.string()).take(per_sample),
        "record_index": pa.array(batch.record_index, pa.int64()).take(per_sample),
        "scorer": label[0],
        "scorer_version": label[1],
        "side": label[2],
        "dimension": label[3],
        "value": pa.array(values, pa.float64(), mask=np.isnan(values)),
        "truncated": pa.array(truncated, pa.bool_()),
        "windows": pa.array(windows, pa.int32()),
    }, schema=SCORE_SCHEMA)


def iter_batches(table_or_batches, batch_size: int = 1000) -> Iterable[SampleBatch]:
    """SampleBatches from a pyarrow Table, an iterable of RecordBatches, or a list of row dicts."""
    if isinstance(table_or_batches, list) and (not table_or_batches or isinstance(table_or_batches[0], dict)):
        for i in range(0, len(table_or_batches), batch_size):
            yield SampleBatch.from_rows(table_or_batches[i:i + batch_size])
        return
    if isinstance(table_or_batches, pa.Table):
        table_or_batches = table_or_batches.to_batches(max_chunksize=batch_size)
    for rb in table_or_batches:
        for i in range(0, rb.num_rows, batch_size):
            yield SampleBatch.from_arrow(rb.slice(i, batch_size))
