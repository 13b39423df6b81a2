"""Scoring: per-sample and whole-set scores per dataset partition, the LLM judge, and sample domains."""
import dagster as dg

from dagster_project.defs.scoring import assets, checks, domains
from dagster_project.defs.scoring.jobs import domains_job, judge_job, scoring_job

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets, domains]),
    asset_checks=dg.load_asset_checks_from_modules([assets, checks, domains]),
    jobs=[judge_job, scoring_job, domains_job],
)
