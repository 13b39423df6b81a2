"""Catalogs and ingest: catalog -> raw_datasets -> normalized_samples per dataset partition."""
import dagster as dg

from dagster_project.defs.ingest import assets
from dagster_project.defs.ingest.jobs import catalog_job, ingest_job

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    asset_checks=dg.load_asset_checks_from_modules([assets]),
    jobs=[catalog_job, ingest_job],
)
