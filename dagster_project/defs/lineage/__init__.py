"""Lineage and contamination: signatures, edges, graph analysis, contamination scan and risk."""
import dagster as dg

from dagster_project.defs.lineage import assets, checks
from dagster_project.defs.lineage.jobs import lineage_agent_job, lineage_job

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    asset_checks=dg.load_asset_checks_from_modules([assets, checks]),
    jobs=[lineage_agent_job, lineage_job],
)
