"""Experiments: selection and mixture arms as derived datasets, and the gains between them."""
import dagster as dg

from dagster_project.defs.experiments import assets
from dagster_project.defs.experiments.jobs import experiment_datasets_job, experiment_gains_job

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    jobs=[experiment_datasets_job, experiment_gains_job],
)
