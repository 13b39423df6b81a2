"""Published benchmark results (leaderboard files) imported into the lake's results tables.

Materializing `published_results` imports the snapshots that ship with the project
(`results/snapshots/`, ODA's published leaderboard) and every file dropped into
`$ARENA_HOME/results/published/` (or a folder named in the run config): each source lands as its own
partition of the results tables (one asset each, so dbt's sources link to them), and the benchmark
suite table the marts group benchmarks by is written beside them.
"""
from pathlib import Path

import dagster as dg

from dagster_project.resources import ArenaLakeResource
from results.importer import TABLES, import_results_file, results_files, write_benchmark_suite
from results.snapshot import shipped_snapshots

RESULTS_ASSETS = {f"published_{table}" if not table.startswith(("published_", "results_")) else table: table
                  for table, _ in TABLES.values()}
SUITE_ASSET = "benchmark_suite"


class PublishedResultsConfig(dg.Config):
    """Where the leaderboard files are (empty: `$ARENA_HOME/results/published`), and whether the
    snapshots shipped with the project are imported too."""
    folder: str = ""
    shipped: bool = True


@dg.multi_asset(
    name="published_results",
    group_name="results",
    specs=[dg.AssetSpec(key, kinds={"parquet"}, description=f"Published results: lake table `{table}`.")
           for key, table in RESULTS_ASSETS.items()]
    + [dg.AssetSpec(SUITE_ASSET, kinds={"parquet"},
                    description="ODA's benchmark suite: each benchmark's name and domain (results.benchmarks).")],
)
def published_results(context: dg.AssetExecutionContext, config: PublishedResultsConfig, lake: ArenaLakeResource):
    """Import the shipped snapshots and every results file of the inbox folder, one lake partition per source."""
    folder = Path(config.folder) if config.folder else lake.paths.home / "results" / "published"
    files = (shipped_snapshots() if config.shipped else []) + results_files(folder)
    rows = {table: {} for table in RESULTS_ASSETS.values()}
    for path in files:
        written = import_results_file(lake.paths, path)
        context.log.info(f"{path.name}: {written}")
        for table, n in written.items():
            rows[table][path.name] = n
    for key, table in RESULTS_ASSETS.items():
        yield dg.MaterializeResult(asset_key=key, metadata={
            "folder": str(folder), "files": len(files), "rows_by_file": dg.MetadataValue.json(rows[table])})
    yield dg.MaterializeResult(asset_key=SUITE_ASSET, metadata={"benchmarks": write_benchmark_suite(lake.paths)})
