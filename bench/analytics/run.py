"""Analytics at ODA's scale: dbt build time and the latency of every dashboard page's queries.

    python -m bench.analytics [--samples 40000000] [--datasets 120] [--repeat 20] [--home DIR] [--reuse]

1. Generates the synthetic lake (bench/analytics/synthetic.py: 120 datasets, 40M samples with
   scores, 600 runs on 22 benchmarks) with DuckDB, and imports ODA's real published leaderboard (the
   snapshot shipped in results/snapshots/: 2 base models x 89 datasets, 3 seeds) beside it, timed.
2. Runs `dbt build` (models and tests) on it and publishes the snapshot, timed.
3. Renders every page with Streamlit's AppTest `--repeat` times, the query cache cleared before each
   render, and records the database time of every query the page ran (app.db.QUERY_OBSERVERS): p50
   and p95 per page of the summed query time of one render (target p95 < 1 s), and of the whole
   render in AppTest.
4. Baseline, same run: the same answers computed from the lake's Parquet without the marts (what
   a page would cost if it queried the lake directly), timed the same way.
Writes `bench_report.json` in the bench home and prints a table. Machine details go in the report.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["overview", "leaderboard", "findings", "dataset", "compare", "lineage", "trends", "correlations"]


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def run_dbt(home: Path) -> float:
    env = {**os.environ, "ARENA_HOME": str(home)}
    dbt = Path(sys.executable).parent / "dbt"
    start = time.perf_counter()
    proc = subprocess.run([str(dbt), "build", "--profiles-dir", ".", "--project-dir", ".", "--quiet"],
                          cwd=ROOT / "dbt", env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"dbt build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}")
    return took


def page_latencies(home: Path, repeat: int) -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from app import db

    os.environ["ARENA_HOME"] = str(home)
    out = {}
    for page in PAGES:
        totals, walls, per_query = [], [], {}
        for _ in range(repeat):
            st.cache_data.clear()
            seen: list[tuple[str, float]] = []
            observer = lambda sql, params, s: seen.append((" ".join(sql.split())[:70], s))  # noqa: E731
            db.QUERY_OBSERVERS.append(observer)
            at = AppTest.from_file(str(ROOT / "app" / "streamlit_app.py"), default_timeout=120)
            at.switch_page(f"app_pages/{page}.py")
            start = time.perf_counter()
            at.run()
            walls.append(time.perf_counter() - start)
            db.QUERY_OBSERVERS.remove(observer)
            if at.exception:
                raise SystemExit(f"page {page} failed: {at.exception[0].value}")
            totals.append(sum(s for _, s in seen))
            for sql, s in seen:
                per_query.setdefault(sql, []).append(s)
        out[page] = {"queries": len(per_query), "p50_s": pct(totals, 0.5), "p95_s": pct(totals, 0.95),
                     "render_p50_s": pct(walls, 0.5), "render_p95_s": pct(walls, 0.95),
                     "slowest_query": max(per_query.items(), key=lambda kv: statistics.median(kv[1]))[0] if per_query else None}
    return out


def baseline_queries(home: Path) -> dict[str, list[str]]:
    """Each page's answers computed from the lake without marts (no ingest counts, no leaderboard)."""
    from bench.analytics.synthetic import BASE_MODELS, BENCHMARKS

    def lake(t):
        return f"read_parquet('{home}/lake/{t}/*/part-*.parquet', union_by_name=true)"

    domains = ", ".join(f"('{b}', '{d}')" for d, bs in BENCHMARKS.items() for b in bs)
    scores = f"""
        with r as (select res.* replace (case when res.model_kind = 'base' then null else res.dataset_id end as dataset_id),
                          runs.base_model
                   from {lake('benchmark_results')} as res
                   join (select distinct protocol, base_model from {lake('training_runs')} where base_model is not null) as runs
                   using (protocol)),
        b(benchmark, domain) as (values {domains}),
        dom as (select base_model, dataset_id, b.domain, avg(value * 100) as v from r join b using (benchmark) group by all),
        o as (select base_model, dataset_id, avg(v) as overall from dom group by all),
        base as (select base_model, overall as base_overall from o where dataset_id is null),
        sizes as (select dataset_id, count(*) as n from {lake('samples')} group by dataset_id)"""
    leaderboard = f"""{scores}
        select o.dataset_id, o.overall, o.overall - base.base_overall as delta, (o.overall - base.base_overall) / (sizes.n / 1000.0)
        from o join base using (base_model) left join sizes using (dataset_id)
        where o.base_model = '{BASE_MODELS[0]}' order by o.overall desc"""
    ds_stats = f"""select dataset_id, count(*), avg(instruction_words), avg(response_words), median(response_words),
                          count(*) filter (where is_duplicate) from {lake('samples')} where list_contains(?, dataset_id) group by all"""
    rank = f"""{scores}, ranked as (select base_model, dataset_id, rank() over (partition by base_model order by overall) as r
                                   from o where dataset_id is not null)
               select corr(a.r, b.r) from ranked as a join ranked as b using (dataset_id)
               where a.base_model = '{BASE_MODELS[0]}' and b.base_model = '{BASE_MODELS[1]}'"""
    return {
        "overview": [leaderboard],
        "findings": [rank],
        "leaderboard": [leaderboard],
        "dataset": [
            f"select * from {lake('catalog')} where dataset_id = 'synth_000'",
            ds_stats.replace("?", "['synth_000']"),
            f"""select dataset_id = 'synth_000' as this, floor(log2(greatest(response_words, 1))) as bin, count(*)
                from {lake('samples')} group by all""",
            f"""select dataset_id, avg(response_words), avg(instruction_words), avg(is_duplicate::int)
                from {lake('samples')} group by all""",
            f"""select record_index, left(instruction_text, 160), left(response_text, 160) from {lake('samples')}
                where dataset_id = 'synth_000' order by record_index limit 20""",
            f"{scores} select * from o where dataset_id = 'synth_000'"],
        "compare": [ds_stats.replace("?", "['synth_000', 'synth_001']"),
                    f"{scores} select * from dom where list_contains(['synth_000', 'synth_001'], dataset_id)"],
        "lineage": [f"""with recursive e as (select unnest(parents) as src, dataset_id as dst from {lake('catalog')}),
                        down(node, depth) as (select 'synth_003', 0 union select e.dst, depth + 1 from e join down on e.src = node where depth < 2),
                        up(node, depth) as (select 'synth_003', 0 union select e.src, depth + 1 from e join up on e.dst = node where depth < 2)
                        select * from down union all select * from up"""],
        "trends": [f"""{scores}, cat as (select * from {lake('catalog')})
                       select year(release_date) || '-Q' || quarter(release_date) as q, cat.domain, avg(o.overall), count(*)
                       from o join cat using (dataset_id) group by all"""],
        "correlations": [f"""{scores}, lens as (select dataset_id, avg(response_words) as w from {lake('samples')} group by all)
                             select o.base_model, corr(lens.w, o.overall - base.base_overall)
                             from o join base using (base_model) join lens using (dataset_id) group by all"""],
    }


def baseline_latencies(home: Path, repeat: int) -> dict:
    import duckdb

    con = duckdb.connect()
    out = {}
    for page, queries in baseline_queries(home).items():
        totals = []
        for _ in range(repeat):
            start = time.perf_counter()
            for q in queries:
                con.execute(q).fetchall()
            totals.append(time.perf_counter() - start)
        out[page] = {"queries": len(queries), "p50_s": pct(totals, 0.5), "p95_s": pct(totals, 0.95)}
    con.close()
    return out


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    p = argparse.ArgumentParser(prog="python -m bench.analytics", description=__doc__.split("\n")[0])
    p.add_argument("--home", default=os.environ.get("ARENA_BENCH_HOME", str(ROOT / ".arena" / "bench-analytics")))
    p.add_argument("--samples", type=int, default=40_000_000)
    p.add_argument("--datasets", type=int, default=120)
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--reuse", action="store_true", help="reuse the lake already generated in --home")
    args = p.parse_args(argv)
    home = Path(args.home).resolve()
    os.environ["ARENA_HOME"] = str(home)
    from bench.analytics.synthetic import generate
    from warehouse.serving import publish_snapshot
    from warehouse.paths import ArenaPaths

    report: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
                    "home": str(home), "repeat": args.repeat}
    if not (args.reuse and (home / "lake" / "samples").exists()):
        start = time.perf_counter()
        report["lake"] = generate(home, args.datasets, args.samples)
        report["generate_s"] = time.perf_counter() - start
    from results.importer import import_results_file
    from results.snapshot import shipped_snapshots

    start = time.perf_counter()
    report["published_rows"] = {p.name: import_results_file(ArenaPaths.from_env(), p) for p in shipped_snapshots()}
    report["import_published_s"] = time.perf_counter() - start
    (home / "warehouse.duckdb").unlink(missing_ok=True)
    report["dbt_build_s"] = run_dbt(home)
    paths = ArenaPaths.from_env()
    start = time.perf_counter()
    publish_snapshot(paths.warehouse, paths.serving)
    report["snapshot_s"] = time.perf_counter() - start
    report["pages"] = page_latencies(home, args.repeat)
    report["baseline_lake_without_marts"] = baseline_latencies(home, args.repeat)
    (home / "bench_report.json").write_text(json.dumps(report, indent=1, default=str))
    print(f"lake: {report.get('lake', '(reused)')}; generate {report.get('generate_s', 0):.1f} s; "
          f"import published {report['import_published_s']:.1f} s; dbt build {report['dbt_build_s']:.1f} s; snapshot {report['snapshot_s']:.1f} s; {os.cpu_count()} CPUs")
    print(f"{'page':<14}{'queries':>8}{'p50 s':>9}{'p95 s':>9}{'render p95':>12}  | baseline (lake, no marts) p50 / p95 s")
    for page in PAGES:
        r, b = report["pages"][page], report["baseline_lake_without_marts"][page]
        flag = "" if r["p95_s"] < 1 else "  <-- over 1 s"
        print(f"{page:<14}{r['queries']:>8}{r['p50_s']:>9.3f}{r['p95_s']:>9.3f}{r['render_p95_s']:>12.3f}  | "
              f"{b['p50_s']:.3f} / {b['p95_s']:.3f}{flag}")
    return 0
