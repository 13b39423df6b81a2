"""The results job: published leaderboards into the lake."""
import dagster as dg

results_job = dg.define_asset_job(
    "results", selection=dg.AssetSelection.groups("results"),
    description="Import published leaderboards (ODA JSON layout or CSV) from $ARENA_HOME/results/published/.")
