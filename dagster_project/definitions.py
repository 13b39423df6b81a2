"""The one entry point: every asset, check, job and resource of DataArena.

`dagster dev` (or `arena ui`) loads `defs` from here; the `arena` CLI and the tests materialize the
same definitions in process.
"""
import os
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

# dbt's profile and the lake resource read ARENA_HOME; make it absolute once, before either does.
os.environ["ARENA_HOME"] = str(Path(os.environ.get("ARENA_HOME", ".arena")).resolve())

from dagster_project.assets.ingest import ingest_assets  # noqa: E402
from dagster_project.assets.warehouse import warehouse_assets  # noqa: E402
from dagster_project.dbt_project import dbt_project  # noqa: E402
from dagster_project.jobs import jobs  # noqa: E402
from dagster_project.resources import ArenaLakeResource  # noqa: E402

defs = dg.Definitions(
    assets=[*ingest_assets, *warehouse_assets],
    jobs=jobs,
    resources={
        "lake": ArenaLakeResource(home=dg.EnvVar("ARENA_HOME")),
        "dbt": DbtCliResource(project_dir=dbt_project),
    },
)
