"""Rows accounted for between lake tables, stage by stage.

Each function compares one stage's output partition with its input and returns the counts and a verdict,
so the Dagster asset checks (and anyone debugging a partition) see where rows went missing or doubled:
- ingest: source records = samples + read rejects + normalize rejects (`ingest.pipeline.account`);
- scoring: every sample of a dataset has scores, each the same number of rows, none for unknown samples;
- lineage: one MinHash signature per sample;
- train-evaluate: every benchmark result counts exactly the predictions it was computed from.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from warehouse.lake import partition_files
from warehouse.paths import ArenaPaths
from warehouse.tables import BENCHMARK_PREDICTIONS, BENCHMARK_RESULTS, LINEAGE_SIGNATURES, SAMPLE_SCORES, SAMPLES


@dataclass(frozen=True)
class Accounting:
    passed: bool
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _files(paths: ArenaPaths, table: str, partition: str) -> list[str]:
    return [str(f) for f in partition_files(paths, table, partition)]


def _count(con, files: list[str], expr: str = "count(*)") -> int:
    return con.execute(f"select {expr} from read_parquet(?)", [files]).fetchone()[0] if files else 0


def score_coverage(paths: ArenaPaths, dataset_id: str, *, samples_table: str = SAMPLES.name,
                   scores_table: str = SAMPLE_SCORES.name) -> Accounting:
    """Every sample scored, each with the same number of score rows, and no score for an unknown sample."""
    samples, scores = _files(paths, samples_table, dataset_id), _files(paths, scores_table, dataset_id)
    con = duckdb.connect()
    n_samples = _count(con, samples)
    if not scores:
        return Accounting(n_samples == 0, {"samples": n_samples, "scored_samples": 0},
                          [] if n_samples == 0 else [f"no {scores_table} partition for {n_samples} samples"])
    scored, unknown, lo, hi = con.execute(
        """with per_sample as (select sample_id, count(*) as n from read_parquet($scores) group by sample_id)
           select count(*), count(*) filter (where sample_id not in (select sample_id from read_parquet($samples))),
                  coalesce(min(n), 0), coalesce(max(n), 0) from per_sample""",
        {"scores": scores, "samples": samples or scores}).fetchone()
    counts = {"samples": n_samples, "scored_samples": scored, "unknown_samples": unknown,
              "min_rows_per_sample": lo, "max_rows_per_sample": hi}
    problems = []
    if scored - unknown != n_samples:
        problems.append(f"{n_samples - (scored - unknown)} samples have no scores")
    if unknown:
        problems.append(f"{unknown} scored sample ids are not in {samples_table}")
    if lo != hi:
        problems.append(f"score rows per sample range from {lo} to {hi}")
    return Accounting(not problems, counts, problems)


def signature_coverage(paths: ArenaPaths, dataset_id: str, *, samples_table: str = SAMPLES.name,
                       signatures_table: str = LINEAGE_SIGNATURES.name) -> Accounting:
    """One signature row per sample, for distinct sample ids."""
    con = duckdb.connect()
    n_samples = _count(con, _files(paths, samples_table, dataset_id))
    sigs = _files(paths, signatures_table, dataset_id)
    rows, distinct = _count(con, sigs), _count(con, sigs, "count(distinct sample_id)")
    problems = []
    if rows != n_samples:
        problems.append(f"{rows} signatures for {n_samples} samples")
    if distinct != rows:
        problems.append(f"{rows - distinct} duplicated signature rows")
    return Accounting(not problems, {"samples": n_samples, "signatures": rows}, problems)


def prediction_coverage(paths: ArenaPaths, partition: str, *, results_table: str = BENCHMARK_RESULTS.name,
                        predictions_table: str = BENCHMARK_PREDICTIONS.name) -> Accounting:
    """Each (model, benchmark) result's item count equals its distinct predicted items, with no item twice.

    Benchmarks scored by lm-eval's own tasks (online mode) log no per-item rows; they are counted, not
    checked."""
    results, predictions = _files(paths, results_table, partition), _files(paths, predictions_table, partition)
    if not results:
        return Accounting(False, {}, [f"no {results_table} partition {partition}"])
    con = duckdb.connect()
    rows = con.execute(
        """with p as (select model_kind, benchmark, count(*) as rows, count(distinct item_id) as items
                      from read_parquet($predictions) group by all),
                r as (select distinct model_kind, benchmark, n from read_parquet($results))
           select r.model_kind, r.benchmark, r.n, p.rows, p.items from r
           left join p using (model_kind, benchmark) order by all""",
        {"results": results, "predictions": predictions or results}).fetchall() if predictions else [
        (m, b, n, None, None) for m, b, n in con.execute(
            "select distinct model_kind, benchmark, n from read_parquet(?) order by all", [results]).fetchall()]
    problems, checked, unlogged = [], 0, 0
    for model_kind, benchmark, n, logged, items in rows:
        if logged is None:
            unlogged += 1
            continue
        checked += 1
        if items != n:
            problems.append(f"{model_kind} {benchmark}: result counts {n} items, {items} were predicted")
        if logged != items:
            problems.append(f"{model_kind} {benchmark}: {logged - items} items predicted twice")
    return Accounting(not problems, {"results_checked": checked, "results_without_predictions": unlogged}, problems)
