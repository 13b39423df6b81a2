"""The warehouse: dbt models over the lake and the snapshot the dashboard reads."""
import dagster as dg

from dagster_project.defs.warehouse import assets
from dagster_project.defs.warehouse.jobs import warehouse_job

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    asset_checks=dg.load_asset_checks_from_modules([assets]),
    jobs=[warehouse_job],
)
