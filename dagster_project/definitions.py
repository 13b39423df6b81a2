"""The one entry point: every asset, check, job and resource of DataArena.

`dagster dev` (or `arena ui`) loads `defs` from here; the `arena` CLI and the tests materialize the
same definitions in process.
"""
import os
import shutil
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

# dbt's profile and the lake resource read ARENA_HOME; make it absolute once, before either does.
os.environ["ARENA_HOME"] = str(Path(os.environ.get("ARENA_HOME", ".arena")).resolve())

from dagster_project.assets.ingest import ingest_assets  # noqa: E402
from dagster_project.assets.lineage import lineage_assets  # noqa: E402
from dagster_project.assets.results import results_assets  # noqa: E402
from dagster_project.assets.scoring import scoring_assets, scoring_jobs  # noqa: E402
from dagster_project.assets.training import training_assets, training_jobs  # noqa: E402
from dagster_project.assets.warehouse import warehouse_assets  # noqa: E402
from dagster_project.dbt_project import dbt_project  # noqa: E402
from dagster_project.jobs import jobs  # noqa: E402
from dagster_project.resources import ArenaLakeResource, EngineResource  # noqa: E402


def _dbt_executable() -> str:
    """The dbt installed beside this interpreter (a venv not on PATH), else the one on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


defs = dg.Definitions(
    assets=[*ingest_assets, *scoring_assets, *training_assets, *lineage_assets, *results_assets, *warehouse_assets],
    jobs=[*jobs, *scoring_jobs, *training_jobs],
    resources={
        "lake": ArenaLakeResource(home=dg.EnvVar("ARENA_HOME")),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=_dbt_executable()),
        # local unless ARENA_ENGINE=ray (what `arena materialize --engine ray` sets); RAY_ADDRESS is
        # read when a step connects, so the same definitions serve a laptop and a cluster
        "engine": EngineResource(kind=os.environ.get("ARENA_ENGINE", "local")),
    },
)
