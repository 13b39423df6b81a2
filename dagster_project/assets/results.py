"""Published benchmark results (leaderboard files) imported into the lake's results tables.

Drop ODA-format JSON or plain CSV files into `$ARENA_HOME/results/published/` (or name a folder in
the run config) and materialize `published_results`: each file lands as its own source partition of
the lake tables `benchmark_scores`, `published_aggregates` and `published_datasets` (one asset each,
so dbt's sources link to them); dbt puts the scores beside local runs.
"""
import dagster as dg

from dagster_project.resources import ArenaLakeResource
from results.importer import import_results_file, results_files

RESULTS_ASSETS = {
    "published_benchmark_scores": "benchmark_scores",
    "published_aggregates": "published_aggregates",
    "published_datasets": "published_datasets",
}


class PublishedResultsConfig(dg.Config):
    """Where the leaderboard files are; empty means `$ARENA_HOME/results/published`."""
    folder: str = ""


@dg.multi_asset(
    name="published_results",
    group_name="results",
    specs=[dg.AssetSpec(key, kinds={"parquet"}, description=f"Published results: lake table `{table}`.")
           for key, table in RESULTS_ASSETS.items()],
)
def published_results(context: dg.AssetExecutionContext, config: PublishedResultsConfig, lake: ArenaLakeResource):
    """Import every results file of the inbox folder, one lake partition per source."""
    from pathlib import Path

    folder = Path(config.folder) if config.folder else lake.paths.home / "results" / "published"
    files = results_files(folder)
    rows = {table: {} for table in RESULTS_ASSETS.values()}
    for path in files:
        written = import_results_file(lake.paths, path)
        context.log.info(f"{path.name}: {written}")
        for table, n in written.items():
            rows[table][path.name] = n
    for key, table in RESULTS_ASSETS.items():
        yield dg.MaterializeResult(asset_key=key, metadata={
            "folder": str(folder), "files": len(files), "rows_by_file": dg.MetadataValue.json(rows[table])})


results_assets = [published_results]
