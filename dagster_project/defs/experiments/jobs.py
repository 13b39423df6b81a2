"""Experiment jobs: write an experiment's arms, and compare them once they are trained."""
import dagster as dg

from dagster_project.defs.experiments.assets import experiment_datasets, experiment_gains

experiment_datasets_job = dg.define_asset_job(
    "experiment_arms", selection=dg.AssetSelection.assets(experiment_datasets),
    description="Write a selection or mixture experiment's arms as derived datasets.")

experiment_gains_job = dg.define_asset_job(
    "experiment_compare", selection=dg.AssetSelection.assets(experiment_gains),
    description="Gains between an experiment's trained arms, with paired-bootstrap intervals.")
