"""The Ray engine computes exactly what one process computes, on real data and a real local cluster.

Each test runs the library's one-process path and the engine's Ray path over the same lake and
compares the outputs row for row, with the Ray side split differently (other batch sizes, many
shards), so a result that depended on the split would fail. The fault tests kill a worker process
(os._exit) in the middle of a partition on its first attempt and check the retry leaves nothing lost
or doubled.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from lineage.contamination import BenchmarkIndex
from scoring.heuristic.char_length import CharLength
from scoring.runner import SuiteRunner
from warehouse.tables import SCORE_SCHEMA
from scoring.suites import build_suite
from tests.engine.conftest import REAL_DATASETS
from warehouse.lake import PartitionWriter, iter_partition, read_partition

pytestmark = [pytest.mark.ray, pytest.mark.shared_data, pytest.mark.timeout(900)]
BENCHMARKS = ["gsm8k_test", "gsm_hard", "multiarith"]
SCAN_COLUMNS = ["dataset_id", "sample_id", "instruction_text", "response_text"]


def _local_scores(paths, dataset_id, scorers, batch_size=2000):
    from scoring.batch import SampleBatch

    runner = SuiteRunner(scorers)
    tables = [runner.process(SampleBatch.from_arrow(rb))
              for rb in iter_partition(paths, "samples", dataset_id, batch_size=batch_size)]
    return pa.concat_tables(tables), runner


def _ray_scores(paths, dataset_id, scorers, table="ray_scores", **kw):
    from engine.scoring import score_samples

    with PartitionWriter(paths, table, dataset_id, SCORE_SCHEMA) as writer:
        stats = score_samples(paths, dataset_id, scorers, writer, **kw)
    return read_partition(paths, table, dataset_id), stats


def _sorted(t: pa.Table) -> pa.Table:
    return t.sort_by([("record_index", "ascending"), ("dimension", "ascending")])


def _pointwise(kind="pointwise"):
    return [s for s in build_suite("demo") if s.spec.kind == kind]


def test_per_sample_scores_identical_to_local_engine(ray_cluster, real_lake):
    scorers = _pointwise()
    for d in ["alpaca_sdft", "gsm8k_test"]:
        local, runner = _local_scores(real_lake, d, scorers)
        ray_table, stats = _ray_scores(real_lake, d, scorers, batch_size=333)
        assert stats.samples == runner.samples > 1000
        assert stats.blocks > 3                                # really split across tasks
        assert ray_table.num_rows == local.num_rows
        assert _sorted(ray_table).equals(_sorted(local)), d   # bit for bit, NULLs included


def test_set_scores_identical_however_split(ray_cluster, real_lake):
    from engine.scoring import set_runner

    scorers = _pointwise("setwise")
    for d in ["alpaca_distilled_sdft", "gsm_hard"]:
        _, local = _local_scores(real_lake, d, scorers)
        merged, stats = set_runner(real_lake, d, scorers, batch_size=211)
        assert stats.blocks >= 6 and stats.samples == local.samples
        assert merged.set_table(d).equals(local.set_table(d)), d


def test_signatures_and_overlap_edges_identical(ray_cluster, real_lake):
    from engine.lineage import shards, signatures
    from lineage.overlap import MinHasher, Signatures, find_derivations

    local, remote = [], []
    for d in REAL_DATASETS:
        local.append(MinHasher().signatures(iter_partition(real_lake, "samples", d, columns=SCAN_COLUMNS)))
        remote.append(signatures(real_lake, d, rows_per_shard=450))
        assert remote[-1].to_table().equals(local[-1].to_table()), d
    assert len(shards(real_lake, "alpaca_sdft", 450)) == 5
    a = find_derivations(Signatures.concat(local))
    b = find_derivations(Signatures.concat(remote))
    edges = [(e.source_id, e.target_id, e.relationship, e.confidence) for e in a.edges]
    assert edges == [(e.source_id, e.target_id, e.relationship, e.confidence) for e in b.edges]
    assert ("alpaca_sdft", "alpaca_distilled_sdft") in {(s, t) for s, t, _, _ in edges}
    assert a.pairs.equals(b.pairs)


def test_contamination_matches_identical(ray_cluster, real_lake):
    from engine.lineage import scan_contamination
    from lineage.contamination import BenchmarkIndex
    from warehouse.tables import CONTAMINATION_MATCHES

    index = BenchmarkIndex.build(b for d in BENCHMARKS for b in iter_partition(real_lake, "samples", d, columns=SCAN_COLUMNS))
    remote = scan_contamination(real_lake, REAL_DATASETS, index, rows_per_shard=400)
    total = 0
    for d in REAL_DATASETS:
        batches = list(index.scan(iter_partition(real_lake, "samples", d, columns=SCAN_COLUMNS)))
        local = CONTAMINATION_MATCHES.from_batches(batches)
        assert remote[d].equals(local), d
        total += local.num_rows
    assert remote["gsm_hard"].num_rows > 100 and total > 100   # GSM-Hard rewrites GSM8K test items


# --- a worker killed mid-partition -------------------------------------------------------------------
class KillOnce(CharLength):
    """char_length, except that the first attempt at the batch holding `record` kills its worker
    process (os._exit: no exception, no cleanup, like a lost node) after leaving a marker file."""

    def __init__(self, side=None, marker: str = "", record: int = 0):
        super().__init__(side)
        self.marker, self.record = marker, record

    def _maybe_die(self, record_indices):
        if self.record in record_indices and not os.path.exists(self.marker):
            Path(self.marker).write_text(str(os.getpid()))
            os._exit(1)

    def score(self, batch, stats):
        self._maybe_die(batch.record_index)
        return super().score(batch, stats)


def test_killed_worker_is_retried_without_loss_or_duplicates(ray_cluster, real_lake, tmp_path):
    d = "alpaca_sdft"
    records = read_partition(real_lake, "samples", d, columns=["record_index"]).column("record_index").to_pylist()
    victim = records[len(records) // 2]          # mid-partition
    marker = tmp_path / "killed"
    others = [s for s in _pointwise() if s.key != "a_char_length"][:4]
    scorers = [KillOnce("A", marker=str(marker), record=victim), *others]
    local, _ = _local_scores(real_lake, d, [CharLength("A"), *others])
    ray_table, stats = _ray_scores(real_lake, d, scorers, table="ray_scores_killed", batch_size=250)
    assert marker.exists(), "the fault was never injected"
    assert int(marker.read_text()) != os.getpid()                    # a worker died, not this process
    assert ray_table.num_rows == local.num_rows
    key = np.asarray(ray_table.column("record_index")) * 1000 + np.unique(
        ray_table.column("dimension").to_numpy(zero_copy_only=False), return_inverse=True)[1]
    assert len(np.unique(key)) == ray_table.num_rows                  # no (sample, dimension) twice
    assert _sorted(ray_table).equals(_sorted(local))                  # none lost, same values


def test_killed_worker_during_set_scores_keeps_them_exact(ray_cluster, real_lake, tmp_path):
    from engine.scoring import set_runner

    d = "gsm_hard"
    records = read_partition(real_lake, "samples", d, columns=["record_index"]).column("record_index").to_pylist()
    marker = tmp_path / "killed_set"
    scorers = _pointwise("setwise")
    _, local = _local_scores(real_lake, d, scorers)
    # a pointwise scorer beside the setwise ones runs on every batch (so it can kill the worker) and
    # adds nothing to the set table
    merged, stats = set_runner(real_lake, d, [KillOnce("A", marker=str(marker), record=records[700]), *scorers],
                               batch_size=300)
    assert marker.exists()
    assert stats.samples == local.samples == len(records)
    assert merged.set_table(d).equals(local.set_table(d))


def test_incomplete_results_abort_the_write(ray_cluster, real_lake):
    """The exactly-once check itself: a gap is refused and the previous partition stays."""
    from engine.scoring import IncompleteScores, _stream_exactly_once
    import ray.data

    d = "multiarith"
    scorers = _pointwise()[:2]
    local, _ = _local_scores(real_lake, d, scorers)
    dims = [s.dimension_key(x.name) for s in scorers for x in s.spec.dimensions]
    records = read_partition(real_lake, "samples", d, columns=["record_index"]).column("record_index").to_numpy()
    gap = ray.data.from_arrow(local.filter(pa.compute.not_equal(local.column("record_index"), int(records[5]))))
    with PartitionWriter(real_lake, "ray_scores_gap", d, SCORE_SCHEMA) as w:
        w.write(local)
    with pytest.raises(IncompleteScores, match="missing"):
        with PartitionWriter(real_lake, "ray_scores_gap", d, SCORE_SCHEMA) as w:
            _stream_exactly_once(gap, records, dims, w)
    assert read_partition(real_lake, "ray_scores_gap", d).num_rows == local.num_rows
    doubled = ray.data.from_arrow(pa.concat_tables([local, local.slice(0, 50)]))
    with PartitionWriter(real_lake, "ray_scores_gap", d, SCORE_SCHEMA) as w:
        stats = _stream_exactly_once(doubled, records, dims, w)
    assert stats.duplicates_dropped == 50 and w.rows == local.num_rows


# --- model-based scorers in an actor pool ------------------------------------------------------------
@pytest.mark.slow
def test_model_scorer_actor_pool_matches_local(ray_cluster, real_lake):
    """lm_perplexity with a small causal LM (the tiny random Llama the training tests build) in an
    actor pool (each actor loads the model once; on 2 CPUs the pool keeps one CPU for the reads): the
    same values as one process, to float32 noise (padding differs with batch composition)."""
    from scoring.models.lm_perplexity import LMPerplexity
    from training.models import build_tiny

    model = str(build_tiny("tiny:llama-h64-l2", real_lake))
    d = "multiarith"
    local, _ = _local_scores(real_lake, d, [LMPerplexity("QA", model=model, max_length=256)])
    ray_table, stats = _ray_scores(real_lake, d, [LMPerplexity("QA", model=model, max_length=256)],
                                   table="ray_model_scores", batch_size=64, model_actors=2)
    a, b = _sorted(local), _sorted(ray_table)
    assert b.num_rows == a.num_rows == 180 * 6
    for col in ("record_index", "dimension", "truncated", "windows"):
        assert a.column(col).equals(b.column(col))
    np.testing.assert_allclose(b.column("value").to_numpy(), a.column("value").to_numpy(), rtol=1e-4)


class KillingIndex(BenchmarkIndex):
    """A BenchmarkIndex whose first scan of the shard holding sample `victim` kills its worker
    process (the index travels to the tasks through the object store)."""

    def scan(self, samples, batch_size: int = 20_000):
        ids = samples.column("sample_id").to_pylist() if isinstance(samples, pa.Table) else []
        if self.victim in ids and not os.path.exists(self.marker):
            Path(self.marker).write_text(str(os.getpid()))
            os._exit(1)
        return super().scan(samples, batch_size)


def test_killed_scan_task_is_retried_without_loss_or_duplicates(ray_cluster, real_lake, tmp_path):
    from engine.lineage import scan_contamination

    index = BenchmarkIndex.build(b for d in BENCHMARKS for b in iter_partition(real_lake, "samples", d, columns=SCAN_COLUMNS))
    clean = scan_contamination(real_lake, ["gsm_hard"], index, rows_per_shard=400)["gsm_hard"]
    index.__class__ = KillingIndex
    victim = read_partition(real_lake, "samples", "gsm_hard", columns=["sample_id"]).column("sample_id")[900].as_py()
    index.victim, index.marker = victim, str(tmp_path / "killed_scan")
    again = scan_contamination(real_lake, ["gsm_hard"], index, rows_per_shard=400)["gsm_hard"]
    assert (tmp_path / "killed_scan").exists()
    assert again.equals(clean) and clean.num_rows > 100
