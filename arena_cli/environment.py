"""The environment every `arena` command sets up before it launches a job: ARENA_HOME, DAGSTER_HOME and
the dbt manifest the code location loads."""
from __future__ import annotations

import os
import subprocess
import sys

from warehouse.paths import ArenaPaths

DAGSTER_YAML = """\
# Written by `arena`: one writer of the DuckDB warehouse at a time (dbt steps share this pool).
concurrency:
  pools:
    default_limit: 1
telemetry:
  enabled: false
"""


def setup_environment() -> ArenaPaths:
    """Make ARENA_HOME absolute and point DAGSTER_HOME inside it (created on first use)."""
    paths = ArenaPaths.from_env()
    os.environ["ARENA_HOME"] = str(paths.home)
    dagster_home = paths.dagster_home
    dagster_home.mkdir(parents=True, exist_ok=True)
    cfg = dagster_home / "dagster.yaml"
    if not cfg.exists():
        cfg.write_text(DAGSTER_YAML)
    os.environ["DAGSTER_HOME"] = str(dagster_home)
    os.environ.setdefault("HF_HUB_OFFLINE", "0")
    return paths


def ensure_dbt_manifest() -> None:
    """dagster-dbt needs the manifest before the definitions import; parse when it is missing or stale."""
    from dagster_project.defs.warehouse.project import DBT_DIR

    manifest = DBT_DIR / "target" / "manifest.json"
    sources = [p for p in DBT_DIR.rglob("*") if p.suffix in (".sql", ".yml", ".py") and "target" not in p.parts]
    if manifest.exists() and all(p.stat().st_mtime <= manifest.stat().st_mtime for p in sources):
        return
    subprocess.run([sys.executable, "-m", "dbt.cli.main", "parse", "--quiet", "--project-dir", str(DBT_DIR),
                    "--profiles-dir", str(DBT_DIR)], check=True)


