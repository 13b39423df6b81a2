"""Experiment assets, configured per experiment (the CLI's `arena experiment select|mix` fills the config).

- `experiment_datasets` writes an experiment's arms as derived datasets (lake `samples` partitions named
  `<data id>__<arm>`; the planted ordering's arms are the demo's own training sets), records the
  definition and the arms (`experiment_arms`), declares each derived arm's derivation from its sources
  (`lineage_edges`, relationship subset or mixture) and registers each arm as a `dataset` partition,
  so the ordinary `train_evaluate` job trains and evaluates it unchanged.
- `experiment_gains` compares the trained arms (`experiment_gains`): paired bootstrap over benchmark
  items and the seed runs of each arm.
"""
import dagster as dg

from dagster_project.defs.ingest.partitions import dataset_partitions
from dagster_project.resources import ArenaLakeResource

EXPERIMENT_GROUP = "experiments"


class ExperimentConfig(dg.Config):
    """`kind=select`: `dataset`, `scorer` (a score dimension such as `a_arithmetic_correct`) and `keep`
    (`25%`); `kind=mix`: `mix` (`a=0.5,b=0.5`) and `budget` (`samples:400` or `tokens:60000`);
    `kind=planted`: the demo's ground-truth pairs over its own training sets. The protocol and seed
    count name the runs the gains compare; `seed` draws the random subsets. `measure`
    (`benchmark:metric`) records what the experiment is judged on; the dashboard opens on it."""
    kind: str
    protocol: str
    seeds: int = 1
    seed: int = 0
    dataset: str = ""
    scorer: str = ""
    keep: str = "25%"
    mix: str = ""
    budget: str = "samples:400"
    measure: str = ""


class GainsConfig(dg.Config):
    experiment_id: str


def experiment_of(config: ExperimentConfig):
    """The experiment a config describes (ValueError when it is incomplete)."""
    import dataclasses

    from training.experiments.arms import parse_measure
    from training.experiments.mixture import mixture_experiment
    from training.experiments.planted import planted_experiment
    from training.experiments.selection import selection_experiment

    if config.kind == "select":
        if not config.dataset or not config.scorer:
            raise ValueError("a selection experiment needs `dataset` and `scorer`")
        exp = selection_experiment(config.dataset, config.scorer, config.keep, config.protocol, config.seeds,
                                   config.seed)
    elif config.kind == "mix":
        exp = mixture_experiment(config.mix, config.budget, config.protocol, config.seeds, config.seed)
    elif config.kind == "planted":
        exp = planted_experiment(config.protocol, config.seeds)
    else:
        raise ValueError(f"experiment kind {config.kind!r}: expected select, mix or planted")
    if config.measure:      # not part of the arms' data id: the same subsets, judged on a named measure
        exp = dataclasses.replace(exp, spec=exp.spec | {"measure": parse_measure(config.measure)})
    return exp


def _lineage_edges(paths, exp, arm_rows: list[dict]) -> int:
    """Each derived arm derives from its sources: a subset of the one source, or a mixture of several
    (an arm that is its one source, as in the planted ordering, derives from nothing)."""
    import json

    from lineage.model import Edge, edges_table
    from warehouse.lake import write_partition
    from warehouse.tables import LINEAGE_EDGES

    edges = []
    for arm in arm_rows:
        sources = json.loads(arm["sources_json"])
        if list(sources) == [arm["dataset_id"]]:
            continue
        relationship = "subset" if len(sources) == 1 else "mixture"
        for source, n in sources.items():
            edges.append(Edge(source_id=source, target_id=arm["dataset_id"], relationship=relationship,
                              evidence_kind="declared", collector="declared", confidence=1.0,
                              evidence_origin=f"experiment:{exp.experiment_id}",
                              evidence_quote=f"{n} samples of {source} in arm '{arm['arm']}'"))
    if edges:
        write_partition(paths, LINEAGE_EDGES.name, f"experiment_{exp.data_id}", edges_table(edges),
                        schema=LINEAGE_EDGES.schema)
    return len(edges)


@dg.asset(group_name=EXPERIMENT_GROUP, kinds={"python", "parquet"}, deps=["normalized_samples", "sample_scores"],
          description="An experiment's arms as derived datasets (samples, experiment_arms, lineage edges), "
                      "registered as dataset partitions.")
def experiment_datasets(context: dg.AssetExecutionContext, config: ExperimentConfig,
                        lake: ArenaLakeResource) -> dg.MaterializeResult:
    from training.experiments.arms import write_arms
    from training.experiments.mixture import build_mixture
    from training.experiments.planted import build_planted
    from training.experiments.selection import build_selection

    builders = {"select": build_selection, "mix": build_mixture, "planted": build_planted}
    try:
        exp = experiment_of(config)
        arms = builders[exp.kind](lake.paths, exp)
    except (FileNotFoundError, ValueError) as e:
        raise dg.Failure(str(e)) from None
    rows = write_arms(lake.paths, exp, arms)
    edges = _lineage_edges(lake.paths, exp, rows)
    existing = set(context.instance.get_dynamic_partitions(dataset_partitions.name))
    new = [r["dataset_id"] for r in rows if r["dataset_id"] not in existing]
    if new:
        context.instance.add_dynamic_partitions(dataset_partitions.name, new)
    return dg.MaterializeResult(metadata={
        "experiment_id": exp.experiment_id, "lineage_edges": edges,
        "arms": dg.MetadataValue.json([{k: r[k] for k in ("arm", "dataset_id", "n_samples", "approx_tokens",
                                                          "score_min", "score_max")} for r in rows])})


@dg.asset(group_name=EXPERIMENT_GROUP, kinds={"python", "parquet"}, deps=[experiment_datasets, "benchmark_results"],
          description="Gains between an experiment's arms with paired-bootstrap intervals (experiment_gains).")
def experiment_gains(context: dg.AssetExecutionContext, config: GainsConfig,
                     lake: ArenaLakeResource) -> dg.MaterializeResult:
    from training.experiments.gains import experiment_gains as compute

    try:
        rows = compute(lake.paths, config.experiment_id)
    except (FileNotFoundError, ValueError) as e:
        raise dg.Failure(str(e)) from None
    return dg.MaterializeResult(metadata={
        "experiment_id": config.experiment_id,
        "gains": dg.MetadataValue.json([{k: r[k] for k in ("arm", "versus", "benchmark", "metric", "gain", "ci_low",
                                                           "ci_high")} for r in rows])})
