"""Lineage checks: one MinHash signature per sample of each dataset partition."""
import dagster as dg

from dagster_project.defs.ingest.partitions import dataset_partitions
from dagster_project.checks import accounting_result
from dagster_project.resources import ArenaLakeResource
from warehouse.accounting import signature_coverage


@dg.asset_check(asset="lineage_signatures", partitions_def=dataset_partitions,
                description="one signature per sample, no sample twice")
def signatures_cover_samples(context: dg.AssetCheckExecutionContext, lake: ArenaLakeResource) -> dg.AssetCheckResult:
    return accounting_result(signature_coverage(lake.paths, context.partition_key))
