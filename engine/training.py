"""Train-evaluate pairs as Ray tasks: each (dataset, protocol) pair is one task asking for the GPUs
its protocol declares (`gpus`; 0 on CPU protocols), so Ray places it on a node with that many free.

Inside the task the library does what it does on one machine: `training.runner.train_pair` launches
the trainer in a child process (with `accelerate launch` over every GPU Ray gave the task, FSDP or
DDP by model size, see `training.runner.accelerate_config_for`), then `evaluate_pair` evaluates it.
- Same run id, never two runs: the run folder is locked (an exclusive `flock` on a file in it) for
  the whole train-evaluate, so a second task for the same pair (a double submit, a retry that
  overlaps a straggler) waits, then finds the run trained and evaluated and reuses it.
- A lost node costs the steps since the last checkpoint: Ray retries the task (`max_retries`) and
  `train_pair` resumes from the run folder's last checkpoint. ARENA_HOME must be on storage every
  node sees for that (a shared filesystem).
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from training.protocols import load_protocol
from training.runner import evaluate_baseline, evaluate_pair, load_samples, prepare_run, train_pair
from warehouse.paths import ArenaPaths

TASK_RETRIES = 3


@contextmanager
def run_lock(run_dir: Path):
    """Hold an exclusive lock on a run folder: one trainer per run id at a time, across processes."""
    run_dir.mkdir(parents=True, exist_ok=True)
    with open(run_dir / ".run.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def train_evaluate_pair(home: str, dataset_id: str, protocol_name: str, mode: str = "local",
                        evaluate: bool = True) -> dict:
    """Train (or resume, or reuse) and, with `evaluate`, evaluate one pair; what a Ray task runs.
    Returns the run row, the metrics, where it ran and how long it took."""
    t0 = time.time()
    paths = ArenaPaths(Path(home))
    protocol = load_protocol(protocol_name)
    samples = load_samples(paths, dataset_id)
    _, run_dir, _ = prepare_run(paths, dataset_id, protocol, samples)
    logs: list[str] = []
    with run_lock(run_dir):
        run = train_pair(paths, dataset_id, protocol, samples, log=logs.append)
        metrics = evaluate_pair(paths, dataset_id, protocol, run, mode=mode, log=logs.append) if evaluate else []
    import ray

    return {"run": run, "metrics": metrics, "log": logs, "seconds": round(time.time() - t0, 1),
            "node": ray.get_runtime_context().get_node_id(), "pid": os.getpid(),
            "gpus": ray.get_gpu_ids()}


def evaluate_baselines(home: str, protocol_name: str, kinds: list[str], mode: str = "local") -> dict:
    """The protocol's untuned base (and instruct) model on its suite, once per protocol version; what
    a Ray task runs for `baseline_results`."""
    import ray

    paths = ArenaPaths(Path(home))
    protocol = load_protocol(protocol_name)
    logs: list[str] = []
    metrics = {kind: evaluate_baseline(paths, protocol, kind, mode=mode, log=logs.append) for kind in kinds}
    return {"metrics": metrics, "log": logs, "pid": os.getpid(), "gpus": ray.get_gpu_ids()}


def run_baselines(home: str, protocol_name: str, kinds: list[str], mode: str = "local") -> dict:
    """Evaluate the baselines as one task asking for the protocol's GPUs, and wait for it."""
    import ray

    gpus = load_protocol(protocol_name).gpus
    task = ray.remote(max_retries=TASK_RETRIES, retry_exceptions=False, num_gpus=gpus)(evaluate_baselines)
    return ray.get(task.remote(home, protocol_name, kinds, mode))


def submit_pair(home: str, dataset_id: str, protocol_name: str, mode: str = "local", evaluate: bool = True):
    """Submit one pair as a task with the protocol's GPU request; returns its ObjectRef."""
    import ray

    gpus = load_protocol(protocol_name).gpus
    task = ray.remote(max_retries=TASK_RETRIES, retry_exceptions=False, num_gpus=gpus)(train_evaluate_pair)
    return task.remote(home, dataset_id, protocol_name, mode, evaluate)


def run_pair(home: str, dataset_id: str, protocol_name: str, mode: str = "local", evaluate: bool = True) -> dict:
    """Run one pair on the cluster and wait for it (what a Dagster step does)."""
    import ray

    return ray.get(submit_pair(home, dataset_id, protocol_name, mode, evaluate))
