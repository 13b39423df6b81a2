"""Scoring jobs: one dataset partition's per-sample and whole-set scores, the LLM judge, sample domains."""
import dagster as dg

from dagster_project.defs.ingest.partitions import dataset_partitions
from dagster_project.defs.scoring.assets import sample_scores, set_scores
from dagster_project.defs.scoring.domains import sample_domains

scoring_job = dg.define_asset_job(
    "scoring", selection=dg.AssetSelection.assets(sample_scores, set_scores), partitions_def=dataset_partitions,
    executor_def=dg.multiprocess_executor.configured({"max_concurrent": 2}),
    description="Score one dataset partition: per-sample and whole-set scores, in parallel processes.")

judge_job = dg.define_asset_job(
    "judge", selection=dg.AssetSelection.groups("judge"), partitions_def=dataset_partitions,
    description="Judge one dataset partition with the LLM judge (an OpenAI-compatible endpoint): scores, "
                "tokens per request and every failed attempt.")

domains_job = dg.define_asset_job(
    "domains", selection=dg.AssetSelection.assets(sample_domains), partitions_def=dataset_partitions,
    description="Classify one dataset partition's samples into domains (MiniLM embeddings, logistic regression).")
