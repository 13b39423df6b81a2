"""Jobs of the ingest domain: register catalogs, ingest one dataset partition."""
import dagster as dg

from dagster_project.defs.ingest.partitions import dataset_partitions

catalog_job = dg.define_asset_job("catalog", selection=dg.AssetSelection.groups("catalog", "demo"))

ingest_job = dg.define_asset_job(
    "ingest", selection=dg.AssetSelection.groups("ingest") | dg.AssetSelection.assets("lineage_signatures"),
    partitions_def=dataset_partitions,
    description="Read and normalize one dataset partition into the lake, and sketch it for lineage.")
