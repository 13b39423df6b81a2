"""Published results: leaderboards imported from ODA's files into the lake."""
import dagster as dg

from dagster_project.defs.results import assets
from dagster_project.defs.results.jobs import results_job

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    asset_checks=dg.load_asset_checks_from_modules([assets]),
    jobs=[results_job],
)
