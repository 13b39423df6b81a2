"""Train-evaluate: fine-tunes and benchmark results per (dataset, protocol) pair."""
import dagster as dg

from dagster_project.defs.training import assets, checks
from dagster_project.defs.training.jobs import train_evaluate_job, baselines_job

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    asset_checks=dg.load_asset_checks_from_modules([assets, checks]),
    jobs=[train_evaluate_job, baselines_job],
)
