"""Scoring assets: per-sample scores and whole-set scores for each dataset partition, and the LLM judge.

- `sample_scores` (with `score_dimensions`): the pointwise scorers of a suite over one dataset's
  `samples` partition, written to lake table `sample_scores` (long format: one row per sample x
  dimension) and the scorers' metadata to `score_dimensions`.
- `set_scores`: the setwise scorers of the suite over the whole partition (mergeable sketches,
  identical however the partition is batched), written to `set_scores`.
- `judge_scores`: the LLM judge (Q and QA rubrics) against the configured OpenAI-compatible endpoint,
  written to `judge_scores`, with every failed attempt in `judge_errors` and tokens in `judge_usage`.
  It is not part of the default scoring job: it needs an endpoint and costs money.

Which scorers run is configuration (`suite`: demo, full, hub, or any suite in scoring/suites.yaml).
Partitions are independent, so a backfill runs them in parallel, and the two scoring steps of one
partition run in parallel under the multiprocess executor. GPU-wanting scorers batch on the device the
step's process sees (one process per step: set CUDA_VISIBLE_DEVICES per worker to spread partitions).
"""

import time
from datetime import datetime, timezone

import dagster as dg
import pyarrow as pa

from dagster_project.defs.ingest.partitions import dataset_partitions
from dagster_project.resources import ArenaLakeResource, EngineResource
from warehouse.tables import (JUDGE_DIMENSIONS, JUDGE_ERRORS, JUDGE_SCORES, JUDGE_USAGE, SAMPLES, SAMPLE_SCORES,
                              SCORE_DIMENSIONS, SCORE_SCHEMA, SET_SCORES)
from warehouse import lake as lake_io

SCORING_GROUP = "scoring"


class ScoringConfig(dg.Config):
    """Which scorers run: a suite from scoring/suites.yaml, optionally narrowed to some scorers."""

    suite: str = "demo"
    only: list[str] = []
    batch_size: int = 2000


class JudgeConfig(dg.Config):
    """The judge endpoint; empty fields fall back to ARENA_JUDGE_BASE_URL / ARENA_JUDGE_MODEL / ARENA_JUDGE_API_KEY."""

    base_url: str = ""
    model: str = ""
    concurrency: int = 8
    rubrics: list[str] = ["Q", "QA"]
    batch_size: int = 500


def _scorers(config: ScoringConfig, kind: str):
    from scoring.suites import build_suite

    try:
        scorers = build_suite(config.suite, only=config.only or None)
    except (KeyError, ValueError, TypeError) as exc:
        raise dg.Failure(f"scoring suite '{config.suite}': {exc}") from None
    return [s for s in scorers if s.spec.kind == kind]


def _batches(paths, dataset_id: str, batch_size: int):
    from scoring.batch import SampleBatch

    if not lake_io.has_partition(paths, SAMPLES.name, dataset_id):
        raise dg.Failure(f"dataset '{dataset_id}' has no samples in the lake; materialize normalized_samples first")
    for rb in lake_io.iter_partition(paths, SAMPLES.name, dataset_id, batch_size=batch_size):
        yield SampleBatch.from_arrow(rb)


def _ray_score_samples(engine: EngineResource, paths, dataset_id: str, scorers, config: ScoringConfig, writer):
    """Pointwise scores on the cluster into `writer`; returns a runner holding the sample count."""
    from engine.scoring import IncompleteScores, score_samples
    from scoring.runner import SuiteRunner

    if not lake_io.has_partition(paths, SAMPLES.name, dataset_id):
        raise dg.Failure(f"dataset '{dataset_id}' has no samples in the lake; materialize normalized_samples first")
    engine.connect()
    try:
        stats = score_samples(paths, dataset_id, scorers, writer, batch_size=config.batch_size,
                              model_actors=engine.model_actors)
    except IncompleteScores as exc:
        raise dg.Failure(f"'{dataset_id}': {exc}") from None
    runner = SuiteRunner(scorers)
    runner.samples = stats.samples
    runner.seconds["ray_engine"] = stats.seconds
    return runner


def _timing_metadata(runner, elapsed: float) -> dict:
    per_scorer = {k: round(v, 3) for k, v in sorted(runner.seconds.items(), key=lambda kv: -kv[1])}
    return {"samples": runner.samples, "seconds": round(elapsed, 2),
            "samples_per_s": round(runner.samples / elapsed, 1) if elapsed else None,
            "scorer_seconds": dg.MetadataValue.json(per_scorer)}


@dg.multi_asset(
    partitions_def=dataset_partitions, group_name=SCORING_GROUP,
    specs=[
        dg.AssetSpec("sample_scores", deps=["normalized_samples"], kinds={"python", "parquet"},
                     description="Per-sample scores of each dataset, long format (lake table sample_scores)."),
        dg.AssetSpec("score_dimensions", deps=["normalized_samples"], kinds={"parquet"},
                     description="What each scored dimension measures: scorer, side, direction, range."),
    ])
def sample_scores(context: dg.AssetExecutionContext, config: ScoringConfig, lake: ArenaLakeResource,
                  engine: EngineResource):
    """Score one dataset's samples with the suite's pointwise scorers (on the Ray cluster when the
    engine is `ray`: the same rows, written through the same atomic partition)."""
    from scoring.runner import ScorerFailure, SuiteRunner

    dataset_id = context.partition_key
    scorers = _scorers(config, "pointwise")
    runner = SuiteRunner(scorers)
    t0 = time.perf_counter()
    try:
        with lake_writer(lake.paths, SAMPLE_SCORES.name, dataset_id, SCORE_SCHEMA) as writer:
            if engine.is_ray:
                runner = _ray_score_samples(engine, lake.paths, dataset_id, scorers, config, writer)
            else:
                for batch in _batches(lake.paths, dataset_id, config.batch_size):
                    writer.write(runner.process(batch))
    except ScorerFailure as exc:
        raise dg.Failure(str(exc)) from None
    elapsed = time.perf_counter() - t0
    dims = runner.dimension_table(dataset_id)
    lake_write(lake.paths, SCORE_DIMENSIONS.name, dataset_id, dims)
    context.log.info(f"'{dataset_id}': {runner.samples} samples x {dims.num_rows} dimensions in {elapsed:.1f}s")
    yield dg.MaterializeResult(asset_key="sample_scores", metadata={
        "suite": config.suite, "dimensions": dims.num_rows, "rows": writer.rows,
        "lake_path": str(lake.paths.partition_dir(SAMPLE_SCORES.name, dataset_id)), **_timing_metadata(runner, elapsed)})
    yield dg.MaterializeResult(asset_key="score_dimensions", metadata={
        "dimensions": dg.MetadataValue.json(dims.column("dimension").to_pylist())})


@dg.asset(partitions_def=dataset_partitions, deps=["normalized_samples"], group_name=SCORING_GROUP,
          kinds={"python", "parquet"})
def set_scores(context: dg.AssetExecutionContext, config: ScoringConfig, lake: ArenaLakeResource,
               engine: EngineResource):
    """Whole-dataset scores of one dataset (diversity, near-duplicates) in lake table set_scores. On
    the Ray engine each batch's partial state is computed on the cluster and the states are merged
    here: the same values as one pass, however the data was split."""
    from scoring.runner import ScorerFailure, SuiteRunner

    dataset_id = context.partition_key
    runner = SuiteRunner(_scorers(config, "setwise"))
    t0 = time.perf_counter()
    try:
        if engine.is_ray:
            from engine.scoring import IncompleteScores, set_runner

            engine.connect()
            try:
                runner, _ = set_runner(lake.paths, dataset_id, runner.scorers, batch_size=config.batch_size)
            except IncompleteScores as exc:
                raise dg.Failure(f"'{dataset_id}': {exc}") from None
        else:
            for batch in _batches(lake.paths, dataset_id, config.batch_size):
                runner.process(batch)
    except ScorerFailure as exc:
        raise dg.Failure(str(exc)) from None
    table = runner.set_table(dataset_id)
    lake_write(lake.paths, SET_SCORES.name, dataset_id, table)
    elapsed = time.perf_counter() - t0
    values = {r["dimension"]: r["value"] for r in table.to_pylist()}
    return dg.MaterializeResult(metadata={"suite": config.suite, "values": dg.MetadataValue.json(values),
                                          **_timing_metadata(runner, elapsed)})


@dg.multi_asset(
    partitions_def=dataset_partitions, group_name="judge",
    specs=[
        dg.AssetSpec("judge_scores", deps=["normalized_samples"], kinds={"python", "parquet", "openai"},
                     description="LLM-judge integers 1-10 per sample and criterion (long format, lake table judge_scores)."),
        dg.AssetSpec("judge_errors", deps=["normalized_samples"], kinds={"parquet"},
                     description="Every failed judge attempt (429, 5xx, timeout, malformed output), kept across runs."),
        dg.AssetSpec("judge_usage", deps=["normalized_samples"], kinds={"parquet"},
                     description="Requests, cache hits and tokens per dataset, rubric and run."),
        dg.AssetSpec("judge_dimensions", deps=["normalized_samples"], kinds={"parquet"},
                     description="What each judge dimension measures (rubric version, direction, range)."),
    ])
def judge_scores(context: dg.AssetExecutionContext, config: JudgeConfig, lake: ArenaLakeResource):
    """Judge one dataset with the configured rubrics through the OpenAI-compatible endpoint."""
    from scoring import registry
    from scoring.runner import SuiteRunner

    dataset_id = context.partition_key
    params = {k: v for k, v in {"base_url": config.base_url, "model": config.model,
                                "concurrency": config.concurrency}.items() if v}
    judges = []
    for side in config.rubrics:
        name = {"Q": "judge_q", "QA": "judge_qa"}.get(side)
        if name is None:
            raise dg.Failure(f"unknown judge rubric '{side}' (Q or QA)")
        judges.append(registry.create(name, **params))
    try:
        for j in judges:
            j.ensure_ready()
    except ValueError as exc:
        raise dg.Failure(str(exc)) from None
    runner = SuiteRunner(judges)
    t0 = time.perf_counter()
    with lake_writer(lake.paths, JUDGE_SCORES.name, dataset_id, JUDGE_SCORES.schema) as writer:
        for batch in _batches(lake.paths, dataset_id, config.batch_size):
            writer.write(runner.process(batch))
    now = datetime.now(timezone.utc)
    errors = [{"run_id": context.run_id, **e} for j in judges for e in j.errors]
    usage = [{"run_id": context.run_id, "at": now, **u} for j in judges for u in j.usage_rows()]
    # judge history is kept: each run's errors and usage are appended to the dataset's partition
    _append(lake.paths, JUDGE_ERRORS.name, dataset_id, pa.Table.from_pylist(errors, schema=JUDGE_ERRORS.schema))
    _append(lake.paths, JUDGE_USAGE.name, dataset_id, pa.Table.from_pylist(usage, schema=JUDGE_USAGE.schema))
    lake_write(lake.paths, JUDGE_DIMENSIONS.name, dataset_id, runner.dimension_table(dataset_id))
    failed = sum(u["failed"] for u in usage)
    yield dg.MaterializeResult(asset_key="judge_errors", metadata={"failed_attempts": len(errors)})
    yield dg.MaterializeResult(asset_key="judge_usage", metadata={"runs_recorded": "appended"})
    yield dg.MaterializeResult(asset_key="judge_dimensions")
    yield dg.MaterializeResult(asset_key="judge_scores", metadata={
        "requests": sum(u["requests"] for u in usage), "cache_hits": sum(u["cache_hits"] for u in usage),
        "failed_samples": failed, "failed_attempts": len(errors),
        "prompt_tokens": sum(u["prompt_tokens"] for u in usage),
        "completion_tokens": sum(u["completion_tokens"] for u in usage),
        **_timing_metadata(runner, time.perf_counter() - t0)})


def _append(paths, table: str, partition: str, rows: pa.Table) -> int:
    """Rewrite a partition as its old rows plus `rows` (atomic, like every lake write)."""
    if lake_io.has_partition(paths, table, partition):
        old = lake_io.read_partition(paths, table, partition).cast(rows.schema)
        rows = pa.concat_tables([old, rows])
    return lake_write(paths, table, partition, rows)


def lake_writer(paths, table: str, partition: str, schema: pa.Schema) -> "lake_io.PartitionWriter":
    return lake_io.PartitionWriter(paths, table, partition, schema)


def lake_write(paths, table: str, partition: str, data: pa.Table) -> int:
    return lake_io.write_partition(paths, table, partition, data, schema=data.schema)
