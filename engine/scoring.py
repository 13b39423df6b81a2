"""Scoring a lake partition on Ray Data, with the same scorers and the same rows as the local engine.

- The dataset's `samples` partition is read as a Ray dataset (`read_parquet` over its files).
- Pointwise scorers without a model run in `map_batches` tasks; model-based scorers run in an actor
  pool (`map_batches` with a callable class), so each actor loads its model once and scores many
  batches, on a GPU of its own where the cluster has GPUs (`num_gpus`).
- Whole-set (setwise) scorers fold each batch into a partial state on the workers; the driver merges
  the states (the scorers' `merge`, bit-identical whatever the split and order) and finalizes.
- Nothing is written until every block came back: rows stream into the lake's atomic
  `PartitionWriter` (a hidden folder, swapped in on commit) and the driver checks, before committing,
  that every (sample, dimension) arrived exactly once. A retried task (a killed worker: Ray Data
  retries lost tasks) can therefore never leave a row lost or doubled: a repeat is dropped, a gap
  aborts the write and the previous partition stays.
"""
from __future__ import annotations

import hashlib
import pickle
import time
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from warehouse.tables import SAMPLES
from scoring.api import Scorer
from scoring.batch import OPTIONAL, REQUIRED, SampleBatch
from scoring.runner import SuiteRunner
from warehouse import lake
from warehouse.paths import ArenaPaths

COLUMNS = [*REQUIRED, *OPTIONAL]
STATE_SCHEMA = pa.schema([("records", pa.binary()), ("n", pa.int64()), ("state", pa.binary())])


class IncompleteScores(RuntimeError):
    """The cluster returned fewer (or other) rows than the partition holds: nothing is written."""


@dataclass
class EngineStats:
    samples: int = 0
    seconds: float = 0.0
    duplicates_dropped: int = 0
    blocks: int = 0


def is_model_based(scorer: Scorer) -> bool:
    """Scorers that load a model run in actors (loaded once each); the rest in plain tasks."""
    return scorer.spec.category == "model-based" or scorer.spec.model is not None


# --- on the workers ----------------------------------------------------------------------------------
_RUNNERS: dict[str, SuiteRunner] = {}


def _suite_key(scorers: list[Scorer]) -> str:
    ident = [(type(s).__module__, type(s).__qualname__, s.side, repr(sorted(s.params.items()))) for s in scorers]
    return hashlib.sha1(repr(ident).encode()).hexdigest()


def _runner(scorers: list[Scorer]) -> SuiteRunner:
    """One runner per suite per worker process: tokenizers and word tables load once per worker,
    not once per task (Ray reuses worker processes across tasks)."""
    key = _suite_key(scorers)
    if key not in _RUNNERS:
        _RUNNERS[key] = SuiteRunner(scorers)
    return _RUNNERS[key]


def _score_batch(batch: pa.Table, scorers: list[Scorer]) -> pa.Table:
    """Pointwise long rows of one batch (a Ray Data task)."""
    return _runner(scorers).process(SampleBatch.from_arrow(batch))


class ModelScorerActor:
    """An actor of the pool: loads every model of its scorers once, then scores batch after batch."""

    def __init__(self, scorers: list[Scorer]):
        self.runner = SuiteRunner(scorers)
        for s in scorers:
            s.ensure_ready()

    def __call__(self, batch: pa.Table) -> pa.Table:
        return self.runner.process(SampleBatch.from_arrow(batch))


def _set_state(batch: pa.Table, scorers: list[Scorer]) -> pa.Table:
    """The setwise partial state of one batch, with the records it covers (one row per batch)."""
    runner = SuiteRunner(scorers)
    runner.process(SampleBatch.from_arrow(batch))
    records = np.sort(batch.column("record_index").to_numpy()).astype(np.int64)
    return pa.table({"records": [records.tobytes()], "n": [batch.num_rows],
                     "state": [pickle.dumps(runner.states, protocol=5)]}, schema=STATE_SCHEMA)


# --- on the driver -----------------------------------------------------------------------------------
def read_samples(paths: ArenaPaths, dataset_id: str, batch_size: int):
    """The dataset's samples partition as a Ray dataset, in blocks of about `batch_size` rows."""
    import ray.data

    files = lake.partition_files(paths, SAMPLES.name, dataset_id)
    if not files:
        raise FileNotFoundError(f"dataset '{dataset_id}' has no samples in the lake under {paths.lake}")
    rows = sum(pq.read_metadata(f).num_rows for f in files)
    names = pq.read_schema(files[0]).names
    ds = ray.data.read_parquet([str(f) for f in files], columns=[c for c in COLUMNS if c in names])
    # a partition is often one file of one row group, read as one block: split it so that its batches
    # spread over the workers (streaming, no shuffle)
    return ds.repartition(target_num_rows_per_block=batch_size), rows


def _record_indices(paths: ArenaPaths, dataset_id: str) -> np.ndarray:
    return lake.read_partition(paths, SAMPLES.name, dataset_id, columns=["record_index"]) \
        .column("record_index").to_numpy()


def score_samples(paths: ArenaPaths, dataset_id: str, scorers: list[Scorer], writer, *, batch_size: int = 2000,
                  model_actors: int = 1, gpus_per_actor: float | None = None) -> EngineStats:
    """Pointwise scores of one dataset on the cluster, streamed into `writer` (a lake PartitionWriter
    the caller commits). Raises IncompleteScores (the caller's writer then aborts) unless every
    sample got every dimension exactly once."""
    t0 = time.perf_counter()
    ds, _ = read_samples(paths, dataset_id, batch_size)
    plain = [s for s in scorers if not is_model_based(s)]
    models = [s for s in scorers if is_model_based(s)]
    outputs = []
    if plain:
        outputs.append(ds.map_batches(_score_batch, fn_kwargs={"scorers": plain}, batch_size=batch_size,
                                      batch_format="pyarrow", zero_copy_batch=True))
    if models:
        if gpus_per_actor is None:
            gpus_per_actor = 1.0 if any(s.spec.wants_gpu for s in models) and _cluster_gpus() else 0.0
        if not gpus_per_actor:
            # CPU actors hold a CPU each for their lifetime: leave one to the read and heuristic tasks,
            # or a small cluster deadlocks with every CPU held by an actor waiting for input
            model_actors = max(1, min(model_actors, int(_cluster_resource("CPU")) - 1))
        outputs.append(ds.map_batches(ModelScorerActor, fn_constructor_kwargs={"scorers": models},
                                      batch_size=batch_size, batch_format="pyarrow", concurrency=model_actors,
                                      num_gpus=gpus_per_actor))
    if not outputs:
        return EngineStats(seconds=time.perf_counter() - t0)
    out = outputs[0] if len(outputs) == 1 else outputs[0].union(*outputs[1:])
    dims = [s.dimension_key(d.name) for s in scorers for d in s.spec.dimensions]
    stats = _stream_exactly_once(out, _record_indices(paths, dataset_id), dims, writer)
    stats.seconds = time.perf_counter() - t0
    return stats


def _cluster_resource(name: str) -> float:
    import ray

    return ray.cluster_resources().get(name, 0.0)


def _cluster_gpus() -> float:
    return _cluster_resource("GPU")


def _stream_exactly_once(out, records: np.ndarray, dims: list[str], writer) -> EngineStats:
    """Write each (record, dimension) row the first time it arrives; then check none is missing.

    Ray Data may split a task's output into several blocks, so repeats are recognised row by row
    (a bitmap over record x dimension), not by block."""
    n_dims = len(dims)
    size = int(records.max()) + 1 if len(records) else 0
    seen = np.zeros(size * n_dims, dtype=bool)
    dim_values = pa.array(dims, pa.string())
    stats = EngineStats()
    for block in out.iter_batches(batch_size=None, batch_format="pyarrow"):
        stats.blocks += 1
        if block.num_rows == 0:
            continue
        rec = block.column("record_index").to_numpy()
        dim = pc.index_in(block.column("dimension"), value_set=dim_values)
        if dim.null_count or np.any(rec >= size):
            raise IncompleteScores("the cluster returned rows for records or dimensions the suite does not have")
        dim = dim.to_numpy(zero_copy_only=False)
        key = rec.astype(np.int64) * n_dims + dim.astype(np.int64)
        _, first = np.unique(key, return_index=True)
        fresh = np.zeros(len(key), dtype=bool)
        fresh[first] = True
        fresh &= ~seen[key]
        seen[key[fresh]] = True
        stats.duplicates_dropped += int((~fresh).sum())
        writer.write(block if fresh.all() else block.filter(pa.array(fresh)))
    expected = np.zeros(size, dtype=bool)
    expected[records] = True
    got = seen.reshape(size, n_dims) if size else seen.reshape(0, n_dims)
    missing = int((expected[:, None] & ~got).sum())
    stray = int((~expected[:, None] & got).sum())
    if missing or stray:
        raise IncompleteScores(f"{missing} (sample, dimension) scores missing and {stray} unexpected after "
                               f"all blocks completed; the partition was not written")
    stats.samples = int(expected.sum())
    return stats


def set_runner(paths: ArenaPaths, dataset_id: str, scorers: list[Scorer], *, batch_size: int = 2000
               ) -> tuple[SuiteRunner, EngineStats]:
    """A SuiteRunner whose setwise states are the merge of every batch's partial state computed on the
    cluster: finalizing it gives the same whole-set scores as one process."""
    t0 = time.perf_counter()
    ds, _ = read_samples(paths, dataset_id, batch_size)
    out = ds.map_batches(_set_state, fn_kwargs={"scorers": scorers}, batch_size=batch_size,
                         batch_format="pyarrow", zero_copy_batch=True)
    records = _record_indices(paths, dataset_id)
    size = int(records.max()) + 1 if len(records) else 0
    covered = np.zeros(size, dtype=bool)
    merged: SuiteRunner | None = None
    stats = EngineStats()
    digests: set[bytes] = set()
    for block in out.iter_batches(batch_size=None, batch_format="pyarrow"):
        for row in block.to_pylist():
            stats.blocks += 1
            idx = np.frombuffer(row["records"], dtype=np.int64)
            digest = hashlib.sha1(row["records"]).digest()
            if digest in digests:              # the same batch delivered twice: fold it once
                stats.duplicates_dropped += row["n"]
                continue
            if covered[idx].any():
                raise IncompleteScores("two partial states cover the same records: refusing to merge")
            digests.add(digest)
            covered[idx] = True
            part = SuiteRunner(scorers)
            part.states = pickle.loads(row["state"])
            part.samples = row["n"]
            if merged is None:
                merged = part
            else:
                merged.merge(part)
    merged = merged or SuiteRunner(scorers)
    expected = np.zeros(size, dtype=bool)
    expected[records] = True
    if not np.array_equal(covered, expected) or merged.samples != len(records):
        raise IncompleteScores(f"partial states cover {int(covered.sum())} of {len(records)} samples; "
                               "the set scores were not written")
    stats.samples = merged.samples
    stats.seconds = time.perf_counter() - t0
    return merged, stats
