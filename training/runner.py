"""One (dataset, protocol) pair end to end: select, train (in a child process), evaluate, land in the lake.

Used by the Dagster assets and by scripts. Idempotence, in order of cost:
- a run whose id (protocol hash + dataset content) already has a row in `training_runs` is not trained
  again; a run folder holding `run.json` is not trained again either (lake written from it);
- a run folder with checkpoints but no `run.json` was interrupted: training resumes from the last one;
- evaluation results are keyed by run id: when the results partition already holds this run id for
  every benchmark of the suite, evaluation is skipped.
Training runs in a child process (`python -m training.trainer`, or `accelerate launch` when several
devices are visible) so that a crash or kill of the training never corrupts the orchestrator, and so
the same command runs on a multi-GPU node.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa

from training.data import select_training_set
from training.evaluation.benchmarks import load_suite, online_runnable
from training.evaluation.evaluate import EvalOutput, evaluate_model
from training.protocols import Protocol, baseline_run_id, dataset_fingerprint, run_id
from training.results import BASELINE_DATASETS, partition_key, write_rows
from warehouse.tables import BENCHMARK_PREDICTIONS, BENCHMARK_RESULTS, SAMPLES, TRAINING_LOSS, TRAINING_RUNS
from training.trainer import TrainResult, read_result, write_run_input
from warehouse.lake import has_partition, read_partition
from warehouse.paths import ArenaPaths

REPO_ROOT = Path(__file__).resolve().parent.parent
ACCELERATE_CONFIG = Path(__file__).parent / "accelerate" / "multi_gpu.yaml"
FSDP_CONFIG = Path(__file__).parent / "accelerate" / "fsdp.yaml"
SHARDED_FROM_PARAMS = 1e9   # full fine-tunes from this many parameters shard (FSDP), below it replicate (DDP)
_PARAMS_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*([bBmM])(?![a-zA-Z])")


def model_params(ref: str) -> float | None:
    """Parameters a model reference names (`Llama-3.1-8B` -> 8e9, `SmolLM2-135M` -> 1.35e8), else None."""
    found = _PARAMS_RE.findall(ref.rsplit("/", 1)[-1])
    if not found:
        return None
    value, unit = found[-1]
    return float(value) * (1e9 if unit in "bB" else 1e6)


def accelerate_config_for(protocol: Protocol) -> Path:
    """The multi-GPU launch config for a protocol: FSDP full sharding (parameters, gradients and
    optimizer state split across GPUs, the counterpart of DeepSpeed ZeRO-3) for full fine-tunes of
    models from 1B parameters, where a replica per GPU (plain data parallel) would not fit an 8B model's
    optimizer state; DDP for small models and LoRA, where replicas fit and sharding only adds traffic."""
    params = model_params(protocol.base_model) or 0
    return FSDP_CONFIG if protocol.finetune == "full" and params >= SHARDED_FROM_PARAMS else ACCELERATE_CONFIG


def runs_dir(paths: ArenaPaths) -> Path:
    return paths.home / "runs"


def world_size() -> int:
    """Training processes to launch: ARENA_TRAIN_PROCESSES, else the number of visible GPUs, else 1."""
    if os.environ.get("ARENA_TRAIN_PROCESSES"):
        return int(os.environ["ARENA_TRAIN_PROCESSES"])
    try:
        import torch

        return max(1, torch.cuda.device_count())
    except ImportError:
        return 1


def train_command(run_dir: Path, world: int, stop_after_steps: int | None = None,
                  config: Path = ACCELERATE_CONFIG) -> list[str]:
    """The command that trains a prepared run folder (single process, or accelerate over `world` GPUs
    with launch config `config`)."""
    tail = ["-m", "training.trainer", "--run-dir", str(run_dir)]
    if stop_after_steps is not None:
        tail += ["--stop-after-steps", str(stop_after_steps)]
    if world > 1:
        return [sys.executable, "-m", "accelerate.commands.launch", "--config_file", str(config),
                "--num_processes", str(world), *tail]
    return [sys.executable, *tail]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    return env


def _existing_run(paths: ArenaPaths, partition: str, rid: str) -> dict | None:
    if not has_partition(paths, TRAINING_RUNS.name, partition):
        return None
    rows = [r for r in read_partition(paths, TRAINING_RUNS.name, partition).to_pylist() if r["run_id"] == rid]
    return rows[0] if rows else None


def _ts(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def prepare_run(paths: ArenaPaths, dataset_id: str, protocol: Protocol, samples: pa.Table | list[dict]
                ) -> tuple[str, Path, dict]:
    """Select the training set, compute the run id and write the run folder's input (idempotent)."""
    ts = select_training_set(samples, dataset_id=dataset_id, sample_cap=protocol.sample_cap, seed=protocol.seed)
    rid = run_id(protocol, ts.sample_ids)
    run_dir = runs_dir(paths) / protocol.name / rid
    if not (run_dir / "train_input.json").exists():
        write_run_input(run_dir, run_id=rid, dataset_id=dataset_id, protocol=protocol,
                        conversations=ts.conversations, arena_home=str(paths.home))
    meta = {"dataset_fingerprint": dataset_fingerprint(ts.sample_ids), "n_available": ts.n_available}
    return rid, run_dir, meta


def train_pair(paths: ArenaPaths, dataset_id: str, protocol: Protocol, samples: pa.Table | list[dict], *,
               log=print) -> dict:
    """Train (or resume, or reuse) the run of this pair and write its `training_runs`/`training_loss` rows."""
    rid, run_dir, meta = prepare_run(paths, dataset_id, protocol, samples)
    part = partition_key(dataset_id, protocol.name)
    existing = _existing_run(paths, part, rid)
    if existing is not None and Path(existing["model_dir"]).exists():
        log(f"run {rid} ({dataset_id} x {protocol.name}) already trained; not training again")
        return existing
    result = read_result(run_dir)
    if result is None:
        world = world_size()
        cmd = train_command(run_dir, world, config=accelerate_config_for(protocol))
        log(f"training run {rid} ({dataset_id} x {protocol.name}) on {world} process(es): {' '.join(cmd)}")
        with open(run_dir / "train.log", "a") as logf:
            proc = subprocess.run(cmd, cwd=REPO_ROOT, env=child_env(), stdout=logf, stderr=subprocess.STDOUT)
        if proc.returncode != 0:
            tail = (run_dir / "train.log").read_text()[-3000:]
            raise RuntimeError(f"training run {rid} ({dataset_id} x {protocol.name}) failed with exit code "
                               f"{proc.returncode}; last log lines:\n{tail}")
        result = read_result(run_dir)
        if result is None:
            raise RuntimeError(f"training run {rid} exited 0 without writing run.json in {run_dir}")
    row = record_run(paths, result, protocol, meta)
    return row


def record_run(paths: ArenaPaths, result: TrainResult, protocol: Protocol, meta: dict) -> dict:
    part = partition_key(result.dataset_id, protocol.name)
    row = {k: getattr(result, k) for k in TRAINING_RUNS.schema.names if hasattr(result, k)}
    row |= {"finetune": protocol.finetune, "started_at": _ts(result.started_at),
            "finished_at": _ts(result.finished_at), **meta}
    write_rows(paths, TRAINING_RUNS.name, part, [row], TRAINING_RUNS.schema)
    loss_rows = [{"run_id": result.run_id, "dataset_id": result.dataset_id, "protocol": protocol.name,
                  "step": p["step"], "epoch": p.get("epoch"), "loss": p["loss"],
                  "learning_rate": p.get("learning_rate"),
                  "num_tokens": int(p["num_tokens"]) if p.get("num_tokens") is not None else None}
                 for p in result.loss_curve]
    write_rows(paths, TRAINING_LOSS.name, part, loss_rows, TRAINING_LOSS.schema)
    return row


def _suite(protocol: Protocol, mode: str, log) -> list:
    """The protocol's suite as `mode` evaluates it: online, without the benchmarks that have no lm-eval
    task yet (named in the log, with what they need)."""
    suite = load_suite(protocol.benchmark_suite)
    if mode != "online":
        return suite
    ok, skipped = online_runnable(suite)
    for b in skipped:
        log(f"suite {protocol.benchmark_suite}: benchmark '{b.name}' has no lm-eval task yet and is not "
            f"evaluated (it needs {b.missing or 'a task'})")
    return ok


def _expected_items(paths: ArenaPaths, suite, mode: str) -> dict[str, int | None]:
    """Benchmark -> item count the suite asks for (None online, where lm-eval decides)."""
    from training.evaluation.benchmarks import load_documents

    if mode != "local":
        return {i.benchmark.name: None for i in suite}
    return {i.benchmark.name: len(load_documents(i.benchmark, paths, i.limit)) for i in suite}


def _results_cover(paths: ArenaPaths, partition: str, rid: str, expected: dict[str, int | None]) -> bool:
    """Whether this run already has results for every benchmark, on as many items as the suite asks
    (a suite whose limit changed is evaluated again)."""
    if not has_partition(paths, BENCHMARK_RESULTS.name, partition):
        return False
    rows = read_partition(paths, BENCHMARK_RESULTS.name, partition, columns=["run_id", "benchmark", "n"]).to_pylist()
    done = {r["benchmark"]: r["n"] for r in rows if r["run_id"] == rid}
    return all(b in done and (n is None or done[b] == n) for b, n in expected.items())


def _write_eval(paths: ArenaPaths, partition: str, out: EvalOutput, *, rid: str, dataset_id: str,
                protocol: Protocol, model_kind: str, mode: str) -> list[dict]:
    now = datetime.now(timezone.utc)
    ident = {"run_id": rid, "dataset_id": dataset_id, "protocol": protocol.name, "model_kind": model_kind}
    metrics = [ident | m | {"backend": out.backend, "eval_mode": mode, "evaluated_at": now} for m in out.metrics]
    preds = [ident | p for p in out.predictions]
    # predictions first: a crash between the two writes leaves results absent, so the rerun redoes both
    write_rows(paths, BENCHMARK_PREDICTIONS.name, partition, preds, BENCHMARK_PREDICTIONS.schema)
    write_rows(paths, BENCHMARK_RESULTS.name, partition, metrics, BENCHMARK_RESULTS.schema)
    return metrics


def evaluate_pair(paths: ArenaPaths, dataset_id: str, protocol: Protocol, run_row: dict, *, mode: str = "local",
                  log=print) -> list[dict]:
    """Evaluate a trained run on the protocol's suite; skipped when its results are already in the lake."""
    part = partition_key(dataset_id, protocol.name)
    suite = _suite(protocol, mode, log)
    rid = run_row["run_id"]
    if _results_cover(paths, part, rid, _expected_items(paths, suite, mode)):
        log(f"run {rid} already evaluated on suite {protocol.benchmark_suite}; not evaluating again")
        return [r for r in read_partition(paths, BENCHMARK_RESULTS.name, part).to_pylist() if r["run_id"] == rid]
    out = evaluate_model(run_row["model_dir"], protocol.chat_template, suite, paths, mode=mode,
                         batch_size=protocol.eval_batch_size, max_length=max(2048, protocol.cutoff_len),
                         max_gen_toks=protocol.eval_max_gen_toks, precision=protocol.precision)
    log(f"evaluated run {rid} on {protocol.benchmark_suite} in {out.wall_s:.0f}s with {out.backend}")
    return _write_eval(paths, part, out, rid=rid, dataset_id=dataset_id, protocol=protocol,
                       model_kind="finetuned", mode=mode)


def baseline_model_dir(paths: ArenaPaths, protocol: Protocol, kind: str) -> str:
    """The untuned model with the protocol's chat template saved beside it (weights linked, not copied),
    so the baseline is prompted exactly like the fine-tuned models."""
    from training.models import load_tokenizer, resolve_model

    ref = protocol.base_model if kind == "base" else protocol.instruct_model
    if ref is None:
        raise ValueError(f"protocol '{protocol.name}' declares no {kind} model")
    location = resolve_model(ref, paths)
    if not Path(location).is_dir():
        return location            # a hub id: evaluated as is (the HF backend still applies the template)
    target = runs_dir(paths) / protocol.name / f"baseline-{kind}-{baseline_run_id(protocol, kind)}" / "model"
    if (target / "tokenizer_config.json").exists():
        return str(target)
    tmp = target.with_name("model.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for f in Path(location).iterdir():
        if f.is_file() and not f.name.startswith(("tokenizer", "special_tokens", "chat_template", "vocab", "merges")):
            (tmp / f.name).symlink_to(f.resolve())
    load_tokenizer(location, protocol.chat_template).save_pretrained(tmp)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return str(target)


def evaluate_baseline(paths: ArenaPaths, protocol: Protocol, kind: str = "base", *, mode: str = "local",
                      log=print) -> list[dict]:
    """Evaluate the protocol's untuned base (or instruct) model once per protocol version."""
    rid = baseline_run_id(protocol, kind)
    dataset_id = BASELINE_DATASETS[kind]
    part = partition_key(dataset_id, protocol.name)
    suite = _suite(protocol, mode, log)
    if _results_cover(paths, part, rid, _expected_items(paths, suite, mode)):
        log(f"{kind} baseline of {protocol.name} already evaluated; not evaluating again")
        return [r for r in read_partition(paths, BENCHMARK_RESULTS.name, part).to_pylist() if r["run_id"] == rid]
    location = baseline_model_dir(paths, protocol, kind)
    out = evaluate_model(location, protocol.chat_template, suite, paths, mode=mode,
                         batch_size=protocol.eval_batch_size, max_length=max(2048, protocol.cutoff_len),
                         max_gen_toks=protocol.eval_max_gen_toks, precision=protocol.precision)
    log(f"evaluated {kind} baseline of {protocol.name} in {out.wall_s:.0f}s with {out.backend}")
    return _write_eval(paths, part, out, rid=rid, dataset_id=dataset_id, protocol=protocol, model_kind=kind,
                       mode=mode)


def load_samples(paths: ArenaPaths, dataset_id: str) -> pa.Table:
    try:
        return read_partition(paths, SAMPLES.name, dataset_id,
                              columns=["dataset_id", "sample_id", "record_index", "messages", "is_duplicate"])
    except FileNotFoundError:
        raise FileNotFoundError(f"dataset '{dataset_id}' has no normalized samples in the lake; materialize "
                                f"normalized_samples for partition '{dataset_id}' first") from None

