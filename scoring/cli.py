"""Score a data file without the warehouse, and inspect scorers and suites.

    python -m scoring.cli score data.jsonl --suite demo          # writes beside the file:
        data.scores.parquet       one row per sample x dimension (long format, as in the lake)
        data.set_scores.parquet   whole-set scores (diversity, near-duplicates)
        data.scores_summary.csv   count, mean, median, p10, p90 per dimension
    python -m scoring.cli score data.parquet --suite full --only a_mtld,lm_perplexity
    python -m scoring.cli list [--suite demo]                    # scorers, their sides and dimensions
    python -m scoring.cli suites

Files in any format ingest reads (Alpaca, ShareGPT, OpenAI messages, question/answer, ...; JSON,
JSONL, CSV, Parquet, gzipped) are normalized exactly as the arena does, so the numbers match.
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

# numpy's OpenBLAS on one thread unless the user chose otherwise (set before numpy loads): its
# matrices here are small (256-d set sketches), where starting threads costs more than it saves (a
# 256x256 eigvalsh: 15 ms on one thread, 80-130 ms on two on a busy 2-core machine). torch's own
# threads (model scorers) are left alone.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402


def _score(args) -> int:
    from scoring.files import FileRejects, iter_file_batches
    from scoring.runner import SuiteRunner
    from warehouse.tables import SCORE_SCHEMA
    from scoring.suites import build_suite
    from scoring.summary import summarize

    path = Path(args.file)
    only = [s.strip() for s in args.only.split(",")] if args.only else None
    scorers = build_suite(args.suite, Path(args.suites_file), only) if args.suites_file else \
        build_suite(args.suite, only=only)
    if not scorers:
        print(f"suite '{args.suite}' has no scorer matching --only {args.only}", file=sys.stderr)
        return 2
    out_dir = Path(args.out_dir) if args.out_dir else path.resolve().parent
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = path.name.split(".")[0]
    scores_path = out_dir / f"{stem}.scores.parquet"
    runner = SuiteRunner(scorers)
    rejects = FileRejects()
    t0 = time.perf_counter()
    dataset_id = None
    tables = []
    tmp = scores_path.with_suffix(".parquet.tmp")
    with pq.ParquetWriter(tmp, SCORE_SCHEMA, compression="zstd") as writer:
        for batch in iter_file_batches(path, args.batch_size, args.format, rejects=rejects):
            dataset_id = dataset_id or (batch.dataset_id[0] if len(batch) else None)
            table = runner.process(batch)
            writer.write_table(table)
            tables.append(table.select(["dataset_id", "dimension", "value", "truncated"]))
            print(f"\r{runner.samples} samples scored", end="", file=sys.stderr)
    os.replace(tmp, scores_path)
    print(file=sys.stderr)
    elapsed = time.perf_counter() - t0
    if runner.samples == 0:
        print(f"{path}: no sample could be read ({rejects.count} rejected): {rejects.examples}", file=sys.stderr)
        return 1
    set_scores = runner.set_table(dataset_id)
    pq.write_table(set_scores, out_dir / f"{stem}.set_scores.parquet")
    summary = summarize(pa.concat_tables(tables))
    summary_path = out_dir / f"{stem}.scores_summary.csv"
    with open(summary_path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(summary.column_names)
        w.writerows(zip(*(summary.column(c).to_pylist() for c in summary.column_names)))
    _write_judge_records(runner, out_dir, stem)
    print(f"{runner.samples} samples, {len(summary)} pointwise dimensions, {len(runner.setwise)} setwise scorers "
          f"in {elapsed:.1f}s ({runner.samples / elapsed:.1f} samples/s); {rejects.count} records rejected")
    for ex in rejects.examples:
        print(f"  rejected: {ex}")
    print(f"wrote {scores_path}, {out_dir / f'{stem}.set_scores.parquet'}, {summary_path}")
    for row in set_scores.to_pylist():
        value = "NULL" if row["value"] is None else f"{row['value']:.4f}"
        print(f"  {row['dimension']:32s} {value:>12s}  ({row['method']})")
    return 0


def _write_judge_records(runner, out_dir: Path, stem: str) -> None:
    judges = [s for s in runner.scorers if hasattr(s, "usage_rows")]
    if not judges:
        return
    from warehouse.tables import JUDGE_ERRORS, JUDGE_USAGE

    from datetime import datetime, timezone

    run_id = f"cli-{datetime.now(timezone.utc):%Y%m%dT%H%M%S}"
    errors = [{"run_id": run_id, **e} for j in judges for e in j.errors]
    usage = [{"run_id": run_id, "at": datetime.now(timezone.utc), **u} for j in judges for u in j.usage_rows()]
    pq.write_table(pa.Table.from_pylist(errors, schema=JUDGE_ERRORS.schema), out_dir / f"{stem}.judge_errors.parquet")
    pq.write_table(pa.Table.from_pylist(usage, schema=JUDGE_USAGE.schema), out_dir / f"{stem}.judge_usage.parquet")


def _list(args) -> int:
    from scoring import registry
    from scoring.suites import build_suite

    if args.suite:
        rows = [(s.key, s.spec.category, s.spec.kind, s.side, s.spec.model or "-",
                 ", ".join(s.dimension_key(d.name) for d in s.spec.dimensions)) for s in build_suite(args.suite)]
    else:
        rows = []
        for name in registry.names():
            spec = registry.spec(name)
            rows.append((name, spec.category, spec.kind, "/".join(spec.sides), spec.model or "-",
                         ", ".join(d.name for d in spec.dimensions)))
    for r in rows:
        print(f"{r[0]:26s} {r[1]:12s} {r[2]:9s} {r[3]:8s} {r[4][:40]:40s} {r[5]}")
    return 0


def _suites(args) -> int:
    from scoring.suites import _load, SUITES_FILE, suite_entries, suite_names

    for name in suite_names():
        print(f"{name:8s} {len(suite_entries(name)):3d} scorers  {_load(str(SUITES_FILE))[name].get('description', '')}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring.cli", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("score", help="score a JSONL/JSON/CSV/Parquet file; writes results beside it")
    p.add_argument("file")
    p.add_argument("--suite", default="demo")
    p.add_argument("--suites-file", help="a YAML file of suites (default: scoring/suites.yaml)")
    p.add_argument("--only", help="comma-separated scorer names or keys (e.g. a_mtld,vendi_score)")
    p.add_argument("--format", default="auto", help="record format (default: detected)")
    p.add_argument("--batch-size", type=int, default=1000)
    p.add_argument("--out-dir", help="where to write (default: beside the file)")
    p.set_defaults(func=_score)
    p = sub.add_parser("list", help="registered scorers (or those of one suite)")
    p.add_argument("--suite")
    p.set_defaults(func=_list)
    p = sub.add_parser("suites", help="named suites")
    p.set_defaults(func=_suites)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
