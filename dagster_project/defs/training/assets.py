"""Train-evaluate assets: one partition per (dataset, protocol) pair, materialized only where asked.

- `training_run` fine-tunes the protocol's base model on the dataset's normalized samples (lake tables
  `training_runs`, `training_loss`); `benchmark_results` evaluates that run on the protocol's suite
  (`benchmark_results`, `benchmark_predictions`); `baseline_results` evaluates the untuned base (and
  instruct) model once per protocol, the reference every dataset is compared against.
- Both dimensions are partitions: datasets are the shared dynamic `dataset` partitions, protocols a
  static set read from training/protocols/*.yaml. Launch one pair, a row, or a column of the grid.
- Accelerator work goes through the `gpu` concurrency pool: set its limit to 1
  (`dagster instance concurrency set gpu 1`, or `concurrency: {pools: {default_limit: 1}}` in
  dagster.yaml) and runs queue instead of fighting over the device.
- Safe to rerun: a run id (protocol hash + dataset content) already in the lake is not trained again,
  an interrupted run resumes from its last checkpoint, results already holding the run id are kept.
"""

import dagster as dg

from dagster_project.resources import ArenaLakeResource, EngineResource
from dagster_project.defs.training.partitions import protocol_partitions, training_partitions
from training.protocols import load_protocol
from warehouse.tables import TRAINING_RUNS

GPU_POOL = "gpu"


class EvaluationConfig(dg.Config):
    """`local`: project-written tasks over local files (offline); `online`: lm-eval's standard tasks."""
    mode: str = "local"
    include_instruct: bool = True


def _pair(context: dg.AssetExecutionContext) -> tuple[str, str]:
    keys = context.partition_key.keys_by_dimension
    return keys["dataset"], keys["protocol"]


def _on_ray(context, engine: EngineResource, lake: ArenaLakeResource, dataset_id: str, protocol_name: str, *,
            evaluate: bool, mode: str = "local") -> dict:
    """Run the pair as a Ray task asking for the protocol's GPUs; log what the task logged."""
    from engine.training import run_pair

    engine.connect()
    out = run_pair(str(lake.paths.home), dataset_id, protocol_name, mode=mode, evaluate=evaluate)
    for line in out["log"]:
        context.log.info(line)
    context.log.info(f"ray task on node {out['node'][:12]} (pid {out['pid']}, GPUs {out['gpus']}) took {out['seconds']}s")
    return out


@dg.asset(
    group_name="training", partitions_def=training_partitions, pool=GPU_POOL, kinds={"pytorch", "parquet"},
    deps=[dg.AssetDep("normalized_samples",
                      partition_mapping=dg.MultiToSingleDimensionPartitionMapping(partition_dimension_name="dataset"))],
    description="Fine-tune the protocol's base model on one dataset (lake tables training_runs, training_loss).")
def training_run(context: dg.AssetExecutionContext, lake: ArenaLakeResource,
                 engine: EngineResource) -> dg.MaterializeResult:
    from training.runner import load_samples, train_pair

    dataset_id, protocol_name = _pair(context)
    protocol = load_protocol(protocol_name)
    try:
        if engine.is_ray:
            row = _on_ray(context, engine, lake, dataset_id, protocol_name, evaluate=False)["run"]
        else:
            samples = load_samples(lake.paths, dataset_id)
            row = train_pair(lake.paths, dataset_id, protocol, samples, log=context.log.info)
    except (FileNotFoundError, ValueError) as e:
        raise dg.Failure(str(e)) from None
    return dg.MaterializeResult(metadata={
        "run_id": row["run_id"], "protocol_hash": row["protocol_hash"], "n_samples": row["n_samples"],
        "steps": row["steps"], "tokens_seen": row["tokens_seen"], "final_loss": row["final_loss"],
        "wall_s": row["wall_s"], "device": f"{row['device_count']} x {row['device_type']} ({row['device_name']})",
        "global_batch": row["global_batch"], "resumed_from_step": row["resumed_from_step"],
    })


@dg.asset(
    group_name="training", partitions_def=training_partitions, pool=GPU_POOL, kinds={"pytorch", "parquet"},
    deps=[training_run],
    description="The fine-tuned run on the protocol's benchmark suite (lake tables benchmark_results, "
                "benchmark_predictions).")
def benchmark_results(context: dg.AssetExecutionContext, config: EvaluationConfig,
                      lake: ArenaLakeResource, engine: EngineResource) -> dg.MaterializeResult:
    from training.results import partition_key
    from training.runner import evaluate_pair
    from warehouse.lake import has_partition, read_partition

    dataset_id, protocol_name = _pair(context)
    protocol = load_protocol(protocol_name)
    part = partition_key(dataset_id, protocol_name)
    if not has_partition(lake.paths, TRAINING_RUNS.name, part):
        raise dg.Failure(f"no training run for dataset '{dataset_id}' under protocol '{protocol_name}': "
                         "materialize training_run for this partition first")
    run = read_partition(lake.paths, TRAINING_RUNS.name, part).to_pylist()[0]
    try:
        if engine.is_ray:
            metrics = _on_ray(context, engine, lake, dataset_id, protocol_name, evaluate=True, mode=config.mode)["metrics"]
        else:
            metrics = evaluate_pair(lake.paths, dataset_id, protocol, run, mode=config.mode, log=context.log.info)
    except (FileNotFoundError, ValueError) as e:
        raise dg.Failure(str(e)) from None
    return dg.MaterializeResult(metadata={
        "run_id": run["run_id"],
        "results": dg.MetadataValue.json([{k: m[k] for k in ("benchmark", "metric", "value", "stderr", "n")}
                                          for m in metrics]),
    })


@dg.asset(
    group_name="training", partitions_def=protocol_partitions, pool=GPU_POOL, kinds={"pytorch", "parquet"},
    description="The protocol's untuned base (and instruct) model on its benchmark suite, once per protocol.")
def baseline_results(context: dg.AssetExecutionContext, config: EvaluationConfig,
                     lake: ArenaLakeResource, engine: EngineResource) -> dg.MaterializeResult:
    from training.runner import evaluate_baseline

    protocol = load_protocol(context.partition_key)
    kinds = ["base"] + (["instruct"] if protocol.instruct_model and config.include_instruct else [])
    if engine.is_ray:
        from engine.training import run_baselines

        engine.connect()
        try:
            out = run_baselines(str(lake.paths.home), protocol.name, kinds, mode=config.mode)
        except (FileNotFoundError, ValueError) as e:
            raise dg.Failure(str(e)) from None
        for line in out["log"]:
            context.log.info(line)
        by_kind = out["metrics"]
    else:
        by_kind = {}
        for kind in kinds:
            try:
                by_kind[kind] = evaluate_baseline(lake.paths, protocol, kind, mode=config.mode, log=context.log.info)
            except (FileNotFoundError, ValueError) as e:
                raise dg.Failure(str(e)) from None
    summary = [{"model": kind} | {k: m[k] for k in ("benchmark", "metric", "value", "stderr", "n")}
               for kind, metrics in by_kind.items() for m in metrics]
    return dg.MaterializeResult(metadata={"results": dg.MetadataValue.json(summary)})
