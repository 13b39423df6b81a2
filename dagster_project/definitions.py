"""The one code location of DataArena: every domain's definitions merged, with the shared resources.

`dagster dev` (or `arena ui`) loads `defs` from here; the `arena` CLI launches its jobs.
"""
import os
import shutil
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from warehouse.paths import ArenaPaths

# dbt's profile and the lake resource read ARENA_HOME; make it absolute once, before either does.
os.environ["ARENA_HOME"] = str(ArenaPaths.from_env().home)

from dagster_project.defs import experiments, ingest, lineage, results, scoring, training, warehouse  # noqa: E402
from dagster_project.defs.warehouse.project import dbt_project  # noqa: E402
from dagster_project.resources import ArenaLakeResource, EngineResource  # noqa: E402


def _dbt_executable() -> str:
    """The dbt installed in this interpreter's environment (a venv that is not on PATH), else the one on
    PATH. `sys.prefix` is the venv even when the interpreter was started through a resolved symlink."""
    for bin_dir in (Path(sys.executable).parent, Path(sys.prefix) / "bin"):
        if (bin_dir / "dbt").exists():
            return str(bin_dir / "dbt")
    return shutil.which("dbt") or "dbt"


_shared_resources = {
    "lake": ArenaLakeResource(home=dg.EnvVar("ARENA_HOME")),
    "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=_dbt_executable()),
    # local unless ARENA_ENGINE=ray (what `arena materialize --engine ray` sets); RAY_ADDRESS is
    # read when a step connects, so the same definitions serve a laptop and a cluster
    "engine": EngineResource(kind=os.environ.get("ARENA_ENGINE", "local")),
}

# one Definitions object at module scope: Dagster's loader refuses a module with two
defs = dg.Definitions.merge(ingest.defs, scoring.defs, training.defs, experiments.defs, lineage.defs, results.defs,
                            warehouse.defs, dg.Definitions(resources=_shared_resources))
