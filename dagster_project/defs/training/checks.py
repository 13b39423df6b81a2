"""Train-evaluate checks: each benchmark result counts exactly the items it predicted."""
import dagster as dg

from dagster_project.checks import accounting_result
from dagster_project.defs.training.partitions import protocol_partitions, training_partitions
from dagster_project.resources import ArenaLakeResource
from training.results import BASELINE_DATASETS, partition_key
from warehouse.accounting import prediction_coverage


@dg.asset_check(asset="benchmark_results", partitions_def=training_partitions,
                description="each (model, benchmark) result's item count equals its distinct predictions")
def results_match_predictions(context: dg.AssetCheckExecutionContext, lake: ArenaLakeResource) -> dg.AssetCheckResult:
    keys = context.partition_key.keys_by_dimension
    return accounting_result(prediction_coverage(lake.paths, partition_key(keys["dataset"], keys["protocol"])))


@dg.asset_check(asset="baseline_results", partitions_def=protocol_partitions,
                description="each base-model result's item count equals its distinct predictions")
def baseline_results_match_predictions(context: dg.AssetCheckExecutionContext,
                                       lake: ArenaLakeResource) -> dg.AssetCheckResult:
    from warehouse.accounting import Accounting
    from warehouse.lake import has_partition
    from warehouse.tables import BENCHMARK_RESULTS

    parts = [partition_key(name, context.partition_key) for name in BASELINE_DATASETS.values()]
    checked = [prediction_coverage(lake.paths, p) for p in parts if has_partition(lake.paths, BENCHMARK_RESULTS.name, p)]
    return accounting_result(Accounting(bool(checked) and all(a.passed for a in checked),
                              {"models": len(checked)}, [m for a in checked for m in a.problems]))
