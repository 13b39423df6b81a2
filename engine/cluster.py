"""Attach a process to a Ray cluster: an existing one (`RAY_ADDRESS` or an explicit address), else a
local one started in this process.

The workers must import this project's code. On a local cluster they run on this machine, so the
project's root goes on their PYTHONPATH (a checkout not installed in the venv, or installed from
another folder, still imports the right code). On an existing cluster the nodes need the project
installed (the same version as the driver), or `ARENA_RAY_SHIP_CODE=1` ships this checkout with the
job (Ray's `working_dir`, large folders excluded). ARENA_HOME must be a path every node sees (a
shared filesystem): tasks read and write the lake there.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# environment the workers need to behave like the driver (offline Hugging Face, quiet tokenizers)
FORWARDED_ENV = ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HOME", "DO_NOT_TRACK",
                 "ARENA_PROTOCOLS_DIR", "ARENA_TRAIN_PROCESSES", "ARENA_SHARED_DATA", "ARENA_CATALOG_DIRS",
                 "ARENA_MODEL_CACHE", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
SHIP_EXCLUDES = [".venv", ".git", ".arena*", "dbt/target", "dbt/logs", "**/__pycache__", ".pytest_cache"]


def runtime_env() -> dict:
    env = {k: os.environ[k] for k in FORWARDED_ENV if k in os.environ}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    renv: dict = {"env_vars": env}
    if os.environ.get("ARENA_RAY_SHIP_CODE") == "1":
        renv["working_dir"] = str(REPO_ROOT)
        renv["excludes"] = SHIP_EXCLUDES
    return renv


def connect(address: str | None = None, num_cpus: int | None = None) -> str:
    """Initialise Ray in this process once and return the cluster's GCS address.

    `address` (or RAY_ADDRESS) joins an existing cluster; without one a local cluster is started
    (no dashboard: nothing listens beyond what Ray needs). Calling again is a no-op."""
    import ray

    if not ray.is_initialized():
        address = address or os.environ.get("RAY_ADDRESS") or None
        kwargs = {"runtime_env": runtime_env(), "log_to_driver": False, "configure_logging": False}
        if address is None:
            kwargs |= {"num_cpus": num_cpus, "include_dashboard": False}
        ray.init(address=address, **kwargs)
        _configure_data()
    return ray.get_runtime_context().gcs_address


def _configure_data() -> None:
    """Ray Data settings the arena relies on: outputs in input order (files, and so marts, come out
    the same on every run), no progress bars in logs."""
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False


def shutdown() -> None:
    import ray

    if ray.is_initialized():
        ray.shutdown()
