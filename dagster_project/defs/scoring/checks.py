"""Scoring checks: every sample of a dataset partition is scored, once per dimension, and has one domain."""
import dagster as dg

from dagster_project.defs.ingest.partitions import dataset_partitions
from dagster_project.checks import accounting_result
from dagster_project.resources import ArenaLakeResource
from warehouse.accounting import row_coverage, score_coverage


@dg.asset_check(asset="sample_scores", partitions_def=dataset_partitions,
                description="every sample has score rows, each the same number, none for an unknown sample")
def scores_cover_samples(context: dg.AssetCheckExecutionContext, lake: ArenaLakeResource) -> dg.AssetCheckResult:
    return accounting_result(score_coverage(lake.paths, context.partition_key))


@dg.asset_check(asset="sample_domains", partitions_def=dataset_partitions,
                description="one domain row per sample row, none for an unknown record")
def domains_cover_samples(context: dg.AssetCheckExecutionContext, lake: ArenaLakeResource) -> dg.AssetCheckResult:
    return accounting_result(row_coverage(lake.paths, context.partition_key, "sample_domains"))
