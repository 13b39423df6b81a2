"""Train-evaluate pairs as Ray tasks on the tiny protocols: a pair runs as a task, the same run id
never trains twice however often it is submitted, and a task whose worker dies mid-training is
retried by Ray and resumes from the run's last checkpoint."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pyarrow as pa
import pytest

from warehouse.tables import BENCHMARK_RESULTS, SAMPLES, TRAINING_RUNS
from tests.engine.conftest import RESUME_PROTOCOL
from tests.training.toy_data import full_rows, toy_rows, write_toy_benchmarks
from training.results import partition_key
from training.trainer import last_checkpoint, read_result
from warehouse.lake import read_partition, write_partition
from warehouse.paths import ArenaPaths

pytestmark = [pytest.mark.ray, pytest.mark.timeout(900)]


@pytest.fixture
def toy_lake(tmp_path):
    paths = ArenaPaths(tmp_path / "arena")
    write_toy_benchmarks(paths)
    return paths


def _write_samples(paths, dataset_id, n):
    write_partition(paths, "samples", dataset_id,
                    pa.Table.from_pylist(full_rows(toy_rows(dataset_id, n)), schema=SAMPLES.schema))


@pytest.mark.slow
def test_pair_runs_as_a_ray_task_and_never_trains_twice(ray_cluster, toy_lake):
    from engine.training import submit_pair

    ray = ray_cluster
    _write_samples(toy_lake, "toy_ray", 24)
    # the same pair submitted twice at once: one trains and evaluates, the other waits and reuses
    refs = [submit_pair(str(toy_lake.home), "toy_ray", "tiny_random") for _ in range(2)]
    outs = ray.get(refs)
    assert {o["pid"] for o in outs}.isdisjoint({os.getpid()})           # ran in Ray workers
    assert outs[0]["run"]["run_id"] == outs[1]["run"]["run_id"]
    logs = [" ".join(o["log"]) for o in outs]
    assert sum("already trained" in log for log in logs) == 1, logs
    assert sum("already evaluated" in log for log in logs) == 1, logs
    part = partition_key("toy_ray", "tiny_random")
    assert read_partition(toy_lake, TRAINING_RUNS.name, part).num_rows == 1
    results = read_partition(toy_lake, BENCHMARK_RESULTS.name, part).to_pylist()
    assert {r["run_id"] for r in results} == {outs[0]["run"]["run_id"]}
    assert {("toy_math", "exact_match"), ("toy_choice", "acc")} <= {(r["benchmark"], r["metric"]) for r in results}
    assert outs[0]["gpus"] == [] and outs[0]["metrics"]                    # a CPU protocol asks for 0 GPUs


def _trainer_pid(run_dir: Path) -> int | None:
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"training.trainer" in cmd and str(run_dir).encode() in cmd:
                return int(proc.name)
    return None


def _parent(pid: int) -> int:
    return int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.mark.slow
def test_worker_lost_mid_training_is_retried_and_resumes(ray_cluster, toy_lake):
    """Kill the Ray worker running the task and its trainer (SIGKILL, as a lost node): Ray retries
    the task, which resumes from the last checkpoint and records one run."""
    from engine.training import submit_pair
    from training.protocols import load_protocol
    from training.runner import load_samples, prepare_run

    ray = ray_cluster
    _write_samples(toy_lake, "toy_resume", 32)
    rid, run_dir, _ = prepare_run(toy_lake, "toy_resume", load_protocol(RESUME_PROTOCOL),
                                  load_samples(toy_lake, "toy_resume"))
    ref = submit_pair(str(toy_lake.home), "toy_resume", RESUME_PROTOCOL, evaluate=False)
    deadline = time.monotonic() + 240
    while last_checkpoint(run_dir) is None or int(last_checkpoint(run_dir).name.split("-")[1]) < 20:
        assert time.monotonic() < deadline, "no checkpoint appeared"
        assert read_result(run_dir) is None, "training finished before it could be killed"
        time.sleep(0.1)
    trainer = _trainer_pid(run_dir)
    worker = _parent(trainer)
    os.kill(trainer, signal.SIGKILL)
    os.kill(worker, signal.SIGKILL)
    killed_at = int(last_checkpoint(run_dir).name.split("-")[1])
    out = ray.get(ref, timeout=600)
    assert out["pid"] != worker                                            # a new attempt in a new worker
    result = read_result(run_dir)
    assert result.resumed_from_step is not None and result.resumed_from_step >= killed_at >= 20
    assert result.steps == 240 and out["run"]["run_id"] == rid
    runs = read_partition(toy_lake, TRAINING_RUNS.name, partition_key("toy_resume", RESUME_PROTOCOL)).to_pylist()
    assert len(runs) == 1 and runs[0]["resumed_from_step"] == result.resumed_from_step


@pytest.mark.slow
def test_dagster_training_assets_submit_to_ray(ray_cluster, toy_lake):
    """The training assets with the `ray` engine: Dagster materializes the pair and the baseline,
    the work runs in Ray tasks, and the lake holds one run with its results."""
    import dagster as dg

    from dagster_project.defs.training.assets import baseline_results, benchmark_results, training_run
    from dagster_project.resources import ArenaLakeResource, EngineResource

    _write_samples(toy_lake, "toy_dagster_ray", 24)
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("dataset", ["toy_dagster_ray"])
    resources = {"lake": ArenaLakeResource(home=str(toy_lake.home)), "engine": EngineResource(kind="ray")}
    key = dg.MultiPartitionKey({"dataset": "toy_dagster_ray", "protocol": "tiny_random"})
    result = dg.materialize([training_run, benchmark_results], partition_key=key, instance=instance,
                            resources=resources)
    assert result.success
    logs = [e.message for e in instance.all_logs(result.run_id) if e.user_message]
    assert sum("ray task on node" in m for m in logs) == 2                 # one task per asset step
    run = result.asset_materializations_for_node("training_run")[0].metadata["run_id"].value
    part = partition_key("toy_dagster_ray", "tiny_random")
    assert read_partition(toy_lake, TRAINING_RUNS.name, part).column("run_id").to_pylist() == [run]
    assert {r["run_id"] for r in read_partition(toy_lake, BENCHMARK_RESULTS.name, part).to_pylist()} == {run}
    assert dg.materialize([baseline_results], partition_key="tiny_random", instance=instance,
                          resources=resources).success
    base = read_partition(toy_lake, BENCHMARK_RESULTS.name, partition_key("__base__", "tiny_random")).to_pylist()
    assert base and {r["model_kind"] for r in base} == {"base"}
