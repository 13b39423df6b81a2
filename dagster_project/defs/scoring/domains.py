"""Domain of every sample: `sample_domains` per dataset partition (lake table sample_domains).

The classifier is the shipped MiniLM logistic regression (scoring/domains/domain_model.json, or one
trained into $ARENA_HOME/cache/domains); each sample gets a domain, its probability and the keyword
baseline's domain. It embeds every sample with MiniLM, so it is its own job (`domains`), launched by
`arena materialize --domains` after each dataset's scoring, not part of the model-free scoring job.
"""
import dagster as dg

from dagster_project.defs.ingest.partitions import dataset_partitions
from dagster_project.resources import ArenaLakeResource
from warehouse import lake as lake_io
from warehouse.tables import SAMPLES

DOMAINS_GROUP = "domains"


@dg.asset(partitions_def=dataset_partitions, deps=["normalized_samples"], group_name=DOMAINS_GROUP,
          kinds={"python", "parquet"})
def sample_domains(context: dg.AssetExecutionContext, lake: ArenaLakeResource) -> dg.MaterializeResult:
    """Classify one dataset's samples into domains (general, math, code, science, knowledge, tool use)
    with a confidence each."""
    from scoring.domains.runner import SAMPLE_DOMAINS_TABLE, classify_partition, load_model

    dataset_id = context.partition_key
    if not lake_io.has_partition(lake.paths, SAMPLES.name, dataset_id):
        raise dg.Failure(f"dataset '{dataset_id}' has no samples in the lake; materialize normalized_samples first")
    model = load_model(lake.paths)
    result = classify_partition(lake.paths, dataset_id, model)
    held = model.provenance.get("held_out", {}).get("classifier", {})
    context.log.info(f"'{dataset_id}': {result.samples} samples in {result.seconds:.1f}s, mix {result.mix}")
    return dg.MaterializeResult(metadata={
        "samples": result.samples, "seconds": round(result.seconds, 2),
        "samples_per_s": round(result.samples / result.seconds, 1) if result.seconds else None,
        "mix": dg.MetadataValue.json(result.mix), "model_trained_at": model.provenance.get("trained_at", ""),
        "model_held_out_accuracy": held.get("accuracy"), "model_held_out_macro_f1": held.get("macro_f1"),
        "lake_path": str(lake.paths.partition_dir(SAMPLE_DOMAINS_TABLE, dataset_id))})
