"""The dbt project as Dagster sees it.

The manifest must exist before the definitions import: `make setup` (and the `arena` CLI) run
`dbt parse`; under `dagster dev`, `prepare_if_dev()` re-parses on start.
"""
from pathlib import Path

from dagster_dbt import DbtProject

DBT_DIR = Path(__file__).resolve().parents[3] / "dbt"

dbt_project = DbtProject(project_dir=DBT_DIR, profiles_dir=DBT_DIR)
dbt_project.prepare_if_dev()
