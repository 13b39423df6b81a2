"""Published benchmark results (leaderboard files) imported into the lake's results tables.

Drop ODA-format JSON or plain CSV files into `$ARENA_HOME/results/published/` (or name a folder in
the run config) and materialize `published_results`: each file lands as its own source partition of
`benchmark_scores`, `published_aggregates` and `published_datasets`; dbt puts them beside local runs.
"""
import dagster as dg

from dagster_project.resources import ArenaLakeResource
from results.importer import import_results_file, results_files


class PublishedResultsConfig(dg.Config):
    """Where the leaderboard files are; empty means `$ARENA_HOME/results/published`."""
    folder: str = ""


@dg.asset(group_name="results", kinds={"parquet"})
def published_results(context: dg.AssetExecutionContext, config: PublishedResultsConfig,
                      lake: ArenaLakeResource) -> dg.MaterializeResult:
    """Import every results file of the inbox folder, one lake partition per source."""
    from pathlib import Path

    folder = Path(config.folder) if config.folder else lake.paths.home / "results" / "published"
    files = results_files(folder)
    counts = {}
    for path in files:
        written = import_results_file(lake.paths, path)
        counts[path.name] = written["benchmark_scores"]
        context.log.info(f"{path.name}: {written}")
    return dg.MaterializeResult(metadata={"folder": str(folder), "files": len(files),
                                          "scores_by_file": dg.MetadataValue.json(counts)})


results_assets = [published_results]
