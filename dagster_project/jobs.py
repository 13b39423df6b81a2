"""Jobs the CLI and the UI launch: register the catalog, ingest one dataset partition, build the warehouse."""
import dagster as dg

from dagster_project.partitions import dataset_partitions

catalog_job = dg.define_asset_job("catalog", selection=dg.AssetSelection.groups("catalog", "demo"))

ingest_job = dg.define_asset_job(
    "ingest", selection=dg.AssetSelection.groups("ingest") | dg.AssetSelection.assets("lineage_signatures"),
    partitions_def=dataset_partitions,
    description="Read and normalize one dataset partition into the lake, and sketch it for lineage.")

lineage_job = dg.define_asset_job(
    "lineage", selection=dg.AssetSelection.groups("lineage") - dg.AssetSelection.assets("lineage_signatures"),
    description="Lineage edges (declared, ODA graph, content overlap), graph analysis, contamination scan and risk.")

warehouse_job = dg.define_asset_job(
    "warehouse", selection=dg.AssetSelection.groups("dbt_staging", "dbt_intermediate", "dbt_marts", "serving"),
    description="dbt build over the lake, then publish a read-only snapshot for the dashboard.")

jobs = [catalog_job, ingest_job, lineage_job, warehouse_job]
