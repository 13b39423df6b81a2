"""Scoring: per-sample and whole-set scores per dataset partition, and the LLM judge."""
import dagster as dg

from dagster_project.defs.scoring import assets, checks
from dagster_project.defs.scoring.jobs import judge_job, scoring_job

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    asset_checks=dg.load_asset_checks_from_modules([assets, checks]),
    jobs=[judge_job, scoring_job],
)
