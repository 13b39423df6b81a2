"""The warehouse job: dbt build, then the snapshot the dashboard reads."""
import dagster as dg

warehouse_job = dg.define_asset_job(
    "warehouse", selection=dg.AssetSelection.groups("dbt_staging", "dbt_intermediate", "dbt_marts", "serving"),
    description="dbt build over the lake, then publish a read-only snapshot for the dashboard.")
