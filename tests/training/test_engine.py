"""The engine end to end on the tiny model: train, evaluate, land in the lake; a killed run resumes;
reruns leave exactly one result per run."""
from __future__ import annotations

import os
import signal
import subprocess
import time

import pyarrow as pa
import pytest

from warehouse.tables import BENCHMARK_PREDICTIONS, BENCHMARK_RESULTS, SAMPLES, TRAINING_LOSS, TRAINING_RUNS
from tests.training.toy_data import full_rows, toy_rows, write_toy_benchmarks
from training.protocols import load_protocol, protocol_from_dict
from training.results import partition_key
from training.runner import (REPO_ROOT, child_env, evaluate_baseline, evaluate_pair, prepare_run, train_command,
                             train_pair)
from training.trainer import last_checkpoint, read_result
from warehouse.lake import read_partition, write_partition


def _samples(dataset_id, n, **kw):
    return pa.Table.from_pylist(full_rows(toy_rows(dataset_id, n, **kw)), schema=SAMPLES.schema)


def test_train_evaluate_and_baseline_into_the_lake(arena_paths):
    write_toy_benchmarks(arena_paths)
    p = load_protocol("tiny_random")
    samples = _samples("toy_clean", 40)
    write_partition(arena_paths, "samples", "toy_clean", samples)
    run = train_pair(arena_paths, "toy_clean", p, samples)
    metrics = evaluate_pair(arena_paths, "toy_clean", p, run)
    part = partition_key("toy_clean", p.name)
    by_bench = {(m["benchmark"], m["metric"]): m for m in metrics}
    assert {("toy_math", "exact_match"), ("toy_math_ll", "gold_logprob"), ("toy_math_final", "final_logprob"),
            ("toy_choice", "acc"), ("toy_code", "pass_at_1")} <= set(by_bench)
    assert by_bench[("toy_math_ll", "gold_logprob")]["value"] < 0
    # the final step is a short continuation of the whole solution: likelier than the whole of it
    assert by_bench[("toy_math_ll", "gold_logprob")]["value"] < by_bench[("toy_math_final", "final_logprob")]["value"] < 0
    assert by_bench[("toy_math", "exact_match")]["n"] == 8 and by_bench[("toy_code", "pass_at_1")]["n"] == 4
    assert by_bench[("toy_choice", "acc")]["stderr"] is not None
    preds = read_partition(arena_paths, BENCHMARK_PREDICTIONS.name, part).to_pylist()
    assert len(preds) == 8 + 8 + 8 + 8 + 4 and all(r["run_id"] == run["run_id"] for r in preds)
    assert all("<|im_start|>user" in r["prompt"] for r in preds)   # the protocol's chat template was applied
    # items are named by their sample ids, as the contamination scan names them
    assert [r["item_id"] for r in sorted(preds, key=lambda r: r["item_index"]) if r["benchmark"] == "toy_math"] \
        == [f"toy_math_bench-{i:04d}" for i in range(8)]
    assert {r["response"] for r in preds if r["benchmark"] == "toy_choice"} <= {"0", "1", "2"}
    final = [r for r in preds if r["benchmark"] == "toy_math_final"]
    # the reference reasoning is prefilled as the open assistant turn, cut before the final result
    assert all(r["prompt"].rstrip().endswith("=") and "<|im_start|>assistant\n" in r["prompt"] for r in final)
    loss = read_partition(arena_paths, TRAINING_LOSS.name, part).to_pylist()
    assert len(loss) == run["steps"] and run["tokens_seen"] > 0

    base = evaluate_baseline(arena_paths, p, "base")
    assert {m["model_kind"] for m in base} == {"base"} and {m["dataset_id"] for m in base} == {"__base__"}
    # reruns: nothing is trained or evaluated again, and the lake still holds exactly one result per run
    stamp = read_partition(arena_paths, BENCHMARK_RESULTS.name, part).column("evaluated_at").to_pylist()
    assert train_pair(arena_paths, "toy_clean", p, samples)["run_id"] == run["run_id"]
    evaluate_pair(arena_paths, "toy_clean", p, run)
    evaluate_baseline(arena_paths, p, "base")
    assert read_partition(arena_paths, BENCHMARK_RESULTS.name, part).column("evaluated_at").to_pylist() == stamp
    assert read_partition(arena_paths, TRAINING_RUNS.name, part).num_rows == 1


@pytest.mark.slow
def test_killed_training_resumes_from_its_checkpoint(arena_paths):
    # enough steps that the kill lands midway: 240 optimizer steps, a checkpoint every 10
    p = protocol_from_dict(load_protocol("tiny_random").identity() | {"epochs": 30, "save_steps": 10})
    samples = _samples("toy_resume", 32)
    rid, run_dir, _ = prepare_run(arena_paths, "toy_resume", p, samples)
    proc = subprocess.Popen(train_command(run_dir, 1), cwd=REPO_ROOT, env=child_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while last_checkpoint(run_dir) is None or int(last_checkpoint(run_dir).name.split("-")[1]) < 20:
        assert proc.poll() is None, "training finished before it could be killed"
        assert time.monotonic() < deadline, "no checkpoint appeared"
        time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert read_result(run_dir) is None, "a killed run must not look finished"
    killed_at = int(last_checkpoint(run_dir).name.split("-")[1])

    row = train_pair(arena_paths, "toy_resume", p, samples)     # the rerun resumes
    result = read_result(run_dir)
    assert result.resumed_from_step is not None and result.resumed_from_step >= killed_at >= 20
    assert result.steps == 240 and row["run_id"] == rid
    assert [pt["step"] for pt in result.loss_curve] == list(range(1, 241))   # curve spans the kill
    train_pair(arena_paths, "toy_resume", p, samples)
    runs = read_partition(arena_paths, TRAINING_RUNS.name, partition_key("toy_resume", p.name)).to_pylist()
    assert len(runs) == 1 and runs[0]["run_id"] == rid and runs[0]["resumed_from_step"] == result.resumed_from_step
