"""Train-evaluate jobs: one (dataset, protocol) pair, and a protocol's untuned baselines."""
import dagster as dg

from dagster_project.defs.training.assets import baseline_results, benchmark_results, training_run
from dagster_project.defs.training.partitions import protocol_partitions, training_partitions

train_evaluate_job = dg.define_asset_job(
    "train_evaluate", selection=dg.AssetSelection.assets(training_run, benchmark_results),
    partitions_def=training_partitions,
    description="Train and evaluate one (dataset, protocol) pair.")

baselines_job = dg.define_asset_job(
    "baselines", selection=dg.AssetSelection.assets(baseline_results), partitions_def=protocol_partitions,
    description="Evaluate a protocol's untuned base (and instruct) model.")
