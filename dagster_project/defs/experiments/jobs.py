"""Experiment jobs: write an experiment's arms, and compare them once they are trained."""
import dagster as dg

from dagster_project.defs.experiments.assets import experiment_datasets, experiment_gains

experiment_datasets_job = dg.define_asset_job(
    "experiment_arms", selection=dg.AssetSelection.assets(experiment_datasets),
    description="Write an experiment's arms: derived datasets for a selection or mixture, the demo's own "
                "training sets for its planted ordering.")

experiment_gains_job = dg.define_asset_job(
    "experiment_compare", selection=dg.AssetSelection.assets(experiment_gains),
    description="Gains between an experiment's trained arms, with paired-bootstrap intervals.")
