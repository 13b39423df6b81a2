"""A fixture arena for the analytics tests: the real demo ingest and dbt build, plus results.

Built once per test session into a temporary ARENA_HOME: the demo catalog is ingested through
Dagster, the ODA-layout and CSV fixtures (made-up numbers, labelled as test fixtures) are imported
as published results, a small `benchmark_results` partition in the train-evaluate tables' schemas
(also made up, run ids 'test-fixture-...') stands for local runs, and the warehouse job builds the
marts and publishes the snapshot the app reads.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa

FIXTURES = Path(__file__).parent / "fixtures"
ODA_FIXTURE = FIXTURES / "oda_leaderboard_fixture.json"
CSV_FIXTURE = FIXTURES / "csv_results_fixture.csv"

# Made-up local runs (fractions, as lm-eval reports), two seeds for the clean set.
LOCAL_FIXTURE_ROWS = [
    ("test-fixture-base", None, "demo_math_bench", "exact_match", 0.10, 80),
    ("test-fixture-base", None, "humaneval", "pass_at_1", 0.006, 164),
    ("test-fixture-clean-s1", "demo_math_clean", "demo_math_bench", "exact_match", 0.40, 80),
    ("test-fixture-clean-s2", "demo_math_clean", "demo_math_bench", "exact_match", 0.45, 80),
    ("test-fixture-clean-s1", "demo_math_clean", "humaneval", "pass_at_1", 0.012, 164),
    ("test-fixture-clean-s2", "demo_math_clean", "humaneval", "pass_at_1", 0.018, 164),
    ("test-fixture-noisy", "demo_math_noisy", "demo_math_bench", "exact_match", 0.15, 80),
    ("test-fixture-noisy", "demo_math_noisy", "humaneval", "pass_at_1", 0.006, 164),
    ("test-fixture-terse", "demo_math_terse", "demo_math_bench", "exact_match", 0.25, 80),
    ("test-fixture-terse", "demo_math_terse", "humaneval", "pass_at_1", 0.0, 164),
    ("test-fixture-leaky", "demo_math_leaky", "demo_math_bench", "exact_match", 0.60, 80),
    ("test-fixture-leaky", "demo_math_leaky", "humaneval", "pass_at_1", 0.006, 164),
]
LOCAL_BASE_MODEL = "SmolLM2-135M (test fixture)"


def write_local_results_fixture(paths) -> int:
    """Made-up rows in the train-evaluate lake tables' schemas (warehouse.tables)."""
    from warehouse.tables import BENCHMARK_RESULTS, TRAINING_RUNS
    from warehouse.lake import write_partition

    rows = [dict(run_id=r, dataset_id=d or "__base__", protocol="test-fixture-protocol",
                 model_kind="finetuned" if d else "base", benchmark=b, task=b, domain=None, metric=m, filter="none",
                 value=v, stderr=None, n=n, backend="test-fixture", eval_mode="offline", evaluated_at=None)
            for r, d, b, m, v, n in LOCAL_FIXTURE_ROWS]
    runs = [dict(run_id="test-fixture-clean-s1", dataset_id="demo_math_clean", protocol="test-fixture-protocol",
                 base_model=LOCAL_BASE_MODEL, finetune="full", device_type="cpu", device_count=1,
                 per_device_batch=8, grad_accum=1, global_batch=8)]
    write_partition(paths, "training_runs", "test_fixture", pa.Table.from_pylist(runs, TRAINING_RUNS.schema))
    return write_partition(paths, "benchmark_results", "test_fixture", pa.Table.from_pylist(rows, BENCHMARK_RESULTS.schema))


# Made-up seed replicas (protocol keys `<protocol>@seed<k>`): clean above noisy in two of three seeds.
SEEDED_FIXTURE_ROWS = [("test-fixture-seeded", "demo_math_clean", 0.40), ("test-fixture-seeded", "demo_math_noisy", 0.20),
                       ("test-fixture-seeded@seed2", "demo_math_clean", 0.30),
                       ("test-fixture-seeded@seed2", "demo_math_noisy", 0.35),
                       ("test-fixture-seeded@seed3", "demo_math_clean", 0.50),
                       ("test-fixture-seeded@seed3", "demo_math_noisy", 0.25),
                       ("test-fixture-seeded", "fixture_sel__top", 0.90)]   # an experiment arm: not ranked
FIXTURE_EXPERIMENT = "fixture_sel__test-fixture-seeded__x3"


def write_experiment_fixture(paths) -> None:
    """Made-up seed replicas in the train-evaluate contract and one made-up selection experiment in the
    experiment tables (training.experiments.arms)."""
    from warehouse.lake import write_partition
    from warehouse.tables import BENCHMARK_RESULTS, EXPERIMENT_ARMS, EXPERIMENT_GAINS, TRAINING_RUNS

    results = [dict(run_id=f"test-fixture-{p}-{d}", dataset_id=d, protocol=p, model_kind="finetuned",
                    benchmark="demo_math_bench", task="demo_math_bench", domain=None, metric="exact_match",
                    filter="none", value=v, stderr=0.05, n=80, backend="test-fixture", eval_mode="offline",
                    evaluated_at=None) for p, d, v in SEEDED_FIXTURE_ROWS]
    runs = [dict(run_id="test-fixture-seeded-run", dataset_id="demo_math_clean", protocol="test-fixture-seeded@seed2",
                 base_model=LOCAL_BASE_MODEL, finetune="full", device_type="cpu", device_count=1, per_device_batch=8,
                 grad_accum=1, global_batch=8)]
    write_partition(paths, "training_runs", "test_fixture_seeded", pa.Table.from_pylist(runs, TRAINING_RUNS.schema))
    write_partition(paths, "benchmark_results", "test_fixture_seeded", pa.Table.from_pylist(results, BENCHMARK_RESULTS.schema))
    arms = [dict(experiment_id=FIXTURE_EXPERIMENT, kind="select", protocol="test-fixture-seeded", seeds=3,
                 spec_json='{"dataset": "demo_math_noisy", "keep": 0.25, "scorer": "a_arithmetic_correct", "seed": 0}',
                 arm=arm, dataset_id=f"fixture_sel__{arm}", role=arm, n_samples=100, approx_tokens=5000,
                 sources_json='{"demo_math_noisy": 100}', score_min=lo, score_max=hi)
            for arm, lo, hi in (("top", 1.0, 1.0), ("bottom", 0.0, 0.5), ("random", 0.0, 1.0))]
    gains = [dict(experiment_id=FIXTURE_EXPERIMENT, kind="select", protocol="test-fixture-seeded", arm=a, versus=b,
                  benchmark="demo_math_bench", metric="exact_match", arm_mean=am, versus_mean=bm, gain=am - bm,
                  ci_low=am - bm - 0.05, ci_high=am - bm + 0.05, n_items=80, arm_seeds=3, versus_seeds=3,
                  p_not_better=0.0) for a, b, am, bm in (("top", "random", 0.45, 0.30), ("top", "bottom", 0.45, 0.20),
                                                         ("random", "bottom", 0.30, 0.20))]
    write_partition(paths, "experiment_arms", FIXTURE_EXPERIMENT, pa.Table.from_pylist(arms, EXPERIMENT_ARMS.schema))
    write_partition(paths, "experiment_gains", FIXTURE_EXPERIMENT, pa.Table.from_pylist(gains, EXPERIMENT_GAINS.schema))


def build_analytics_arena(home: Path, with_results: bool = True) -> Path:
    """Build (once) the fixture arena under `home`; returns a copy of its first published snapshot.

    Tests that verify edges or publish snapshots of their own rotate `serving/`, which deletes old
    snapshots; the copy stays as the fixture built it for every test of the session. Without results it is the state `arena demo --no-train` leaves: no benchmark run exists."""
    from arena_cli import materialize as cli
    from warehouse.serving import current_snapshot
    from results.importer import import_results_file
    from warehouse.paths import ArenaPaths

    marker = home / ".analytics-fixture-built"
    os.environ["ARENA_HOME"] = str(home)
    os.environ["DAGSTER_HOME"] = str(home / "dagster_home")
    paths = ArenaPaths.from_env()
    if not marker.exists():
        home.mkdir(parents=True, exist_ok=True)
        cli.setup_environment()
        assert cli.materialize(["demo"], None, workers=2, build_warehouse=False) == 0, "demo ingest failed"
        if with_results:
            import_results_file(paths, ODA_FIXTURE)
            import_results_file(paths, CSV_FIXTURE)
            write_local_results_fixture(paths)
            write_experiment_fixture(paths)
        for job in ("lineage", "warehouse"):  # the lineage edges the explorer shows, then dbt + snapshot
            result = cli.run_job(job, run_config=cli.lineage_run_config(["demo"]) if job == "lineage" else None)
            assert result.success, cli.failure_messages(result)
        snapshot = current_snapshot(paths.serving)
        assert snapshot is not None
        shutil.copyfile(snapshot, home / "fixture-snapshot.duckdb")
        marker.write_text("ok")
    return home / "fixture-snapshot.duckdb"
