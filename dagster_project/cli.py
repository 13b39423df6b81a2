"""`arena`: everyday operations, thin over Dagster.

    arena catalog list [demo|local|oda]   list a catalog's datasets
    arena catalog validate [NAME ...]     validate catalogs (every bad entry reported)
    arena catalog cards [NAME ...]        fetch Hub card licences of entries that state none (cached)
    arena materialize --catalog demo      register, ingest every dataset, build the warehouse
    arena materialize --dataset gsm8k_train --catalog local
    arena materialize --catalog demo --train smollm2_135m_demo   ... and fine-tune + evaluate every train set
    arena materialize --catalog local --engine ray   ... scoring, lineage scans, training on a Ray cluster
                                          (RAY_ADDRESS, else a local cluster for the command's lifetime)
    arena demo                            the whole offline demo arena, training and evaluation included
    arena import-results FILE_OR_URL      import a published leaderboard (ODA JSON/xlsx, CSV), rebuild the warehouse
    arena findings [--readme]             the paper's findings recomputed (into README.md with --readme)
    arena sql "select * from dim_datasets"  query the published warehouse snapshot
    arena ui                              the Dagster UI on 127.0.0.1
    arena app                             the dashboard (Streamlit) on 127.0.0.1:8501

Runs are recorded in the Dagster instance under $ARENA_HOME/dagster_home, so everything the CLI
materializes shows up in the UI with its logs and metadata.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

DEMO_PROTOCOL = "smollm2_135m_demo"
DAGSTER_YAML = """\
# Written by `arena`: one writer of the DuckDB warehouse at a time (dbt steps share this pool).
concurrency:
  pools:
    default_limit: 1
telemetry:
  enabled: false
"""


def setup_environment() -> Path:
    """Make ARENA_HOME absolute and point DAGSTER_HOME inside it (created on first use)."""
    home = Path(os.environ.get("ARENA_HOME", ".arena")).resolve()
    os.environ["ARENA_HOME"] = str(home)
    dagster_home = Path(os.environ.get("DAGSTER_HOME", home / "dagster_home")).resolve()
    dagster_home.mkdir(parents=True, exist_ok=True)
    cfg = dagster_home / "dagster.yaml"
    if not cfg.exists():
        cfg.write_text(DAGSTER_YAML)
    os.environ["DAGSTER_HOME"] = str(dagster_home)
    os.environ.setdefault("HF_HUB_OFFLINE", "0")
    return home


def ensure_dbt_manifest() -> None:
    """dagster-dbt needs the manifest before the definitions import; parse when it is missing or stale."""
    from dagster_project.dbt_project import DBT_DIR

    manifest = DBT_DIR / "target" / "manifest.json"
    sources = [p for p in DBT_DIR.rglob("*") if p.suffix in (".sql", ".yml") and "target" not in p.parts]
    if manifest.exists() and all(p.stat().st_mtime <= manifest.stat().st_mtime for p in sources):
        return
    subprocess.run([sys.executable, "-m", "dbt.cli.main", "parse", "--quiet", "--project-dir", str(DBT_DIR),
                    "--profiles-dir", str(DBT_DIR)], check=True)


def _instance():
    import dagster as dg

    return dg.DagsterInstance.get()


def _failure_messages(result) -> list[str]:
    messages = []
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data and event.step_failure_data.error:
            messages.append(f"{event.step_key}: {event.step_failure_data.error.message.strip()}")
    return messages


@contextmanager
def library_output_to(log: Path):
    """While a job runs, what libraries print to the process's stdout and stderr (dbt's log lines,
    evaluation progress bars, warnings) goes to `log`, so the command shows only its own progress and
    summary. ARENA_VERBOSE=1 keeps everything on the terminal."""
    if os.environ.get("ARENA_VERBOSE"):
        yield
        return
    log.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    # file descriptors for child processes and C code; sys.stdout/stderr for Python writers that are
    # not bound to them (as under a test runner's capture)
    with open(log, "a", buffering=1, encoding="utf-8") as f, redirect_stdout(f), redirect_stderr(f):
        os.dup2(f.fileno(), 1)
        os.dup2(f.fileno(), 2)
        try:
            yield
        finally:
            f.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def terminal():
    """A rich console on a copy of the current stderr descriptor, so it keeps drawing on the terminal
    while `library_output_to` points the descriptor at a log. Call it before any redirect."""
    from rich.console import Console

    return Console(file=os.fdopen(os.dup(2), "w", buffering=1), stderr=True)


def job_log(job_name: str) -> Path:
    return Path(os.environ.get("ARENA_HOME", ".arena")) / "logs" / f"{job_name}.log"


PID_TAG = "arena/pid"


def release_dead_runs() -> list[str]:
    """Mark runs this CLI started in a process that has since died (killed, crashed) as failed and
    free their concurrency slots: a dead run keeps its slot in the Dagster instance, and every later
    run that needs the same pool (the DuckDB writer, the GPU) would otherwise wait for it forever."""
    import dagster as dg

    instance = _instance()
    released = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED,
                                                                  dg.DagsterRunStatus.STARTING])):
        pid = run.tags.get(PID_TAG)
        if not pid or _alive(int(pid)):
            continue
        instance.report_run_failed(run, f"the arena process {pid} running it is gone")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        released.append(run.run_id)
    return released


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_job(job_name: str, *, partition_key: str | None = None, run_config: dict | None = None):
    """Execute one job of the definitions in this process, recorded in the Dagster instance; what the
    libraries print goes to $ARENA_HOME/logs/<job>.log."""
    with library_output_to(job_log(job_name)):
        from dagster_project.definitions import defs

        job = defs.resolve_job_def(job_name)
        config = {"loggers": {"console": {"config": {"log_level": os.environ.get("ARENA_LOG_LEVEL", "WARNING")}}},
                  **(run_config or {})}
        return job.execute_in_process(instance=_instance(), partition_key=partition_key, run_config=config,
                                      raise_on_error=False, tags={PID_TAG: str(os.getpid())})


def lineage_run_config(catalogs: list[str]) -> dict:
    """ODA's published graph joins the lineage only when the `oda` catalog is in play, so the demo's
    graph shows the demo's own datasets."""
    if "oda" in catalogs:
        return {}
    return {"ops": {"collect_lineage_edges": {"config": {"oda_folder": "none"}}}}


def _ingest_one(dataset_id: str) -> tuple[str, bool, list[str]]:
    """Ingest one dataset partition, then score it (the scoring suite is the job's default config)."""
    setup_environment()
    result = run_job("ingest", partition_key=dataset_id)
    if not result.success:
        return dataset_id, False, _failure_messages(result)
    result = run_job("scoring", partition_key=dataset_id)
    return dataset_id, result.success, _failure_messages(result)


def train_evaluate(protocol: str, dataset_ids: list[str], console) -> tuple[dict[str, list[str]], dict[str, float]]:
    """The protocol's base-model baseline, then train + evaluate each dataset under it, one pair at a
    time (they share the CPU/GPU). Each pair is its own Dagster run; finished pairs are reused.
    Returns the failures by partition and the seconds each took (`__base__` for the baseline)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    import dagster as dg

    failures: dict[str, list[str]] = {}
    seconds: dict[str, float] = {}
    columns = (TextColumn(f"[bold]train + evaluate ({protocol})"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.description}"))
    pairs = [("__base__", "baselines", protocol)] + [
        (ds, "train_evaluate", dg.MultiPartitionKey({"dataset": ds, "protocol": protocol})) for ds in dataset_ids]
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("", total=len(pairs))
        for name, job, key in pairs:
            progress.update(task, description=name)
            start = time.time()
            result = run_job(job, partition_key=key)
            seconds[name] = round(time.time() - start, 1)
            if not result.success:
                failures[str(key)] = _failure_messages(result)
            progress.update(task, advance=1)
    return failures, seconds


@contextmanager
def engine_session(engine: str, console=None):
    """Select the engine for every job this command runs (ARENA_ENGINE, read by the definitions'
    `engine` resource, inherited by the worker processes). For `ray` without RAY_ADDRESS, start one
    local cluster here and export its address, so every step process joins it instead of starting its
    own; it stops when the command ends."""
    os.environ["ARENA_ENGINE"] = engine
    started = False
    if engine == "ray" and not os.environ.get("RAY_ADDRESS"):
        from engine.cluster import connect

        os.environ["RAY_ADDRESS"] = connect(num_cpus=int(os.environ.get("ARENA_RAY_CPUS", 0)) or None)
        started = True
        if console is not None:
            console.print(f"started a local Ray cluster at {os.environ['RAY_ADDRESS']}")
    try:
        yield
    finally:
        if started:
            from engine.cluster import shutdown

            shutdown()
            os.environ.pop("RAY_ADDRESS", None)


def materialize(catalogs: list[str], datasets: list[str] | None, workers: int, build_warehouse: bool = True,
                train_protocol: str | None = None, register_only: list[str] | None = None,
                engine: str = "local") -> int:
    """Register catalogs, ingest the datasets (in parallel processes), train and evaluate the training
    sets under `train_protocol` when one is given, then build the warehouse. Catalogs in
    `register_only` are registered (their cards join published results) but not ingested. With
    `engine="ray"` the heavy steps (scoring, lineage scans, train-evaluate) run on a Ray cluster."""
    setup_environment()
    with engine_session(engine, terminal()):
        return _materialize(catalogs, datasets, workers, build_warehouse, train_protocol, register_only, engine)


def _materialize(catalogs: list[str], datasets: list[str] | None, workers: int, build_warehouse: bool,
                 train_protocol: str | None, register_only: list[str] | None, engine: str) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ingest.catalog import load_catalog

    console = terminal()
    setup_environment()
    ensure_dbt_manifest()
    for run_id in release_dead_runs():
        console.print(f"released run {run_id[:8]}: its process died before it finished")
    registered = catalogs + [c for c in register_only or [] if c not in catalogs]
    result = run_job("catalog", run_config={"ops": {"dataset_catalog": {"config": {"catalogs": registered}}}})
    if not result.success:
        for m in _failure_messages(result):
            console.print(f"[red]catalog failed[/red]: {m}")
        return 1
    ids = [e.id for name in catalogs for e in load_catalog(name).datasets]
    if datasets:
        unknown = sorted(set(datasets) - set(ids))
        if unknown:
            console.print(f"[red]not in catalogs {catalogs}[/red]: {', '.join(unknown)}")
            return 2
        ids = [i for i in ids if i in set(datasets)]
    failures: dict[str, list[str]] = {}
    columns = (TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("", total=len(ids))
        if workers <= 1:
            outcomes = (_ingest_one(i) for i in ids)
            for dataset_id, ok, messages in outcomes:
                if not ok:
                    failures[dataset_id] = messages
                progress.update(task, advance=1, description=dataset_id)
        else:
            # with Ray initialised in this process, workers must start fresh (a forked Ray driver breaks)
            context = multiprocessing.get_context("spawn") if engine == "ray" else None
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = [pool.submit(_ingest_one, i) for i in ids]
                for fut in as_completed(futures):
                    dataset_id, ok, messages = fut.result()
                    if not ok:
                        failures[dataset_id] = messages
                    progress.update(task, advance=1, description=dataset_id)
    if train_protocol:
        ingested = set(ids) - set(failures)
        train_ids = [e.id for name in catalogs for e in load_catalog(name).datasets
                     if e.role == "train" and e.id in ingested]
        failures |= train_evaluate(train_protocol, train_ids, console)[0]
    for dataset_id, messages in failures.items():
        console.print(f"[red]FAILED {dataset_id}[/red]: " + " | ".join(messages))
    stages = [("lineage", "lineage and contamination"), ("results", "published results import")] if build_warehouse else []
    for job_name, label in stages:
        console.print(f"[bold]{label}[/bold] ...")
        result = run_job(job_name, run_config=lineage_run_config(catalogs) if job_name == "lineage" else None)
        if not result.success:
            for m in _failure_messages(result):
                console.print(f"[red]{job_name} failed[/red]: {m}")
            return 1
    if build_warehouse:
        console.print("[bold]dbt build[/bold] and snapshot publish ...")
        result = run_job("warehouse")
        if not result.success:
            for m in _failure_messages(result):
                console.print(f"[red]warehouse failed[/red]: {m}")
            return 1
    console.print(f"ingested {len(ids) - len(failures)} of {len(ids)} datasets into {os.environ['ARENA_HOME']}")
    return 1 if failures else 0


def demo_summary(protocol: str | None, seconds: float) -> None:
    """What the demo produced, in a few lines: datasets and rejects, the planted ordering with its
    intervals, contamination found, the published leaderboard, and where to look next."""
    import duckdb

    from dagster_project.assets.warehouse import current_snapshot
    from warehouse.paths import ArenaPaths

    console = terminal()
    paths = ArenaPaths.from_env()
    snapshot = current_snapshot(paths.serving)
    if snapshot is None:
        return
    con = duckdb.connect(str(snapshot), read_only=True)
    n, samples, rejects = con.execute("""select count(*), sum(samples), sum(rejected_records) from dim_datasets
                                         where is_ingested and list_contains(catalogs, 'demo')""").fetchone()
    console.print(f"\n[bold]DataArena demo[/bold] done in {seconds / 60:.1f} min: {n} datasets, {samples or 0:,} samples, "
                  f"{rejects or 0:,} records rejected (each with its reason in stg_arena__rejects)")
    if protocol:
        from demo.arena import ground_truth
        from training.arena_runs import PRIMARY_DEMO_MEASURE, compare

        try:
            rows = compare(paths, protocol, [tuple(p) for p in ground_truth()["better_than"]], [PRIMARY_DEMO_MEASURE])
        except Exception as e:  # a missing run is reported, not fatal: the warehouse is built
            console.print(f"planted ordering: not available ({e})")
        else:
            for r in rows:
                verdict = "[green]recovered[/green]" if r["recovered"] else "[red]not recovered[/red]"
                console.print(f"planted {r['better']} > {r['worse']} on final-step accuracy: {r['better_mean']:.3f} vs "
                              f"{r['worse_mean']:.3f}, gap {r['gap']:+.3f} [95% CI {r['ci95'][0]:+.3f}, "
                              f"{r['ci95'][1]:+.3f}], {verdict}")
    for dataset, bench, items in con.execute("""select dataset_id, benchmark_id, contaminated_items
                                                 from fct_contamination_summary where is_contaminated
                                                 order by contaminated_items desc""").fetchall():
        console.print(f"contamination: {dataset} holds {items} items of {bench}")
    for setup, datasets in con.execute("""select setup_label, count(*) filter (where model_role = 'finetuned')
                                          from fct_leaderboard where source like 'published:%'
                                          group by setup_label order by setup_label""").fetchall():
        console.print(f"leaderboard: {setup}, {datasets} datasets")
    con.close()
    console.print(f"next: the dashboard (arena app), `arena findings`, `arena ui` for the Dagster runs; "
                  f"library logs in {paths.home / 'logs'}")


def import_results_command(file_or_url: str, source: str | None, build_warehouse: bool) -> int:
    """Import one published results file or URL into the lake, then rebuild the warehouse."""

    from results.importer import import_results
    from results.schema import ResultsFormatError
    from warehouse.paths import ArenaPaths

    console = terminal()
    setup_environment()
    try:
        path, source, written = import_results(ArenaPaths.from_env(), file_or_url, source)
    except ResultsFormatError as e:
        console.print(f"[red]import failed[/red]: {e}")
        return 1
    console.print(f"{path.name} -> {source}: " + ", ".join(f"{t} {n:,}" for t, n in written.items()))
    if not build_warehouse:
        return 0
    ensure_dbt_manifest()
    console.print("[bold]dbt build[/bold] and snapshot publish ...")
    result = run_job("warehouse")
    for m in _failure_messages(result):
        console.print(f"[red]warehouse failed[/red]: {m}")
    return 0 if result.success else 1


def findings_command(readme: bool) -> int:
    """Print the findings table from the warehouse snapshot, or write it into the README."""
    from dagster_project.assets.warehouse import current_snapshot
    from results.findings_report import findings_markdown, update_readme
    from warehouse.paths import ArenaPaths

    setup_environment()
    snapshot = current_snapshot(ArenaPaths.from_env().serving)
    if snapshot is None:
        print("no warehouse snapshot yet: run `arena demo` first", file=sys.stderr)
        return 1
    table = findings_markdown(snapshot)
    if readme:
        path = Path(__file__).resolve().parent.parent / "README.md"
        update_readme(path, table)
        print(f"updated the findings table in {path.name}")
    else:
        print(table)
    return 0


def print_sql(query: str) -> int:
    import duckdb

    from dagster_project.assets.warehouse import current_snapshot
    from warehouse.paths import ArenaPaths

    setup_environment()
    snapshot = current_snapshot(ArenaPaths.from_env().serving)
    if snapshot is None:
        print("no warehouse snapshot yet: run `arena materialize` first", file=sys.stderr)
        return 1
    from rich.console import Console
    from rich.table import Table

    con = duckdb.connect(str(snapshot), read_only=True)
    cursor = con.execute(query)
    table = Table(show_lines=False)
    for col in cursor.description:
        table.add_column(col[0])
    for row in cursor.fetchmany(200):
        table.add_row(*("" if v is None else str(v) for v in row))
    Console(width=200).print(table)
    return 0


def hub_cards_command(catalogs: list[str]) -> int:
    """Register the catalogs and fetch the Hub card licences of entries that state none (cached)."""
    import pyarrow.parquet as pq

    from warehouse.paths import ArenaPaths
    from warehouse.tables import HUB_CARDS

    setup_environment()
    ensure_dbt_manifest()
    result = run_job("catalog", run_config={"ops": {"dataset_catalog": {"config": {"catalogs": catalogs,
                                                                                     "fetch_hub_cards": True}}}})
    for m in _failure_messages(result):
        print(f"catalog failed: {m}", file=sys.stderr)
    if not result.success:
        return 1
    paths = ArenaPaths.from_env()
    for name in catalogs:
        rows = pq.read_table(paths.partition_dir(HUB_CARDS.name, name)).to_pylist()
        failed = [r for r in rows if r["error"]]
        print(f"{name}: {len(rows) - len(failed)} licences from Hub cards, {len(failed)} failed"
              + "".join(f"\n  {r['hub_id']}: {r['error']}" for r in failed[:10]))
    print("rebuild the warehouse (arena materialize, or arena import-results) to show them")
    return 0


def catalog_command(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from ingest.catalog import CatalogError, available_catalogs, load_catalog

    if args.action == "cards":
        return hub_cards_command(args.names or ["oda"])
    if args.action == "validate":
        status = 0
        for name in args.names or available_catalogs():
            try:
                c = load_catalog(name)
                print(f"{name}: {len(c.datasets)} datasets, valid")
            except CatalogError as e:
                print(f"{name}: {e}", file=sys.stderr)
                status = 1
        return status
    table = Table(title=f"catalog {args.names[0] if args.names else 'demo'}")
    for col in ("id", "domain", "role", "format", "size", "released", "source"):
        table.add_column(col)
    c = load_catalog(args.names[0] if args.names else "demo")
    for e in c.datasets:
        src = e.source
        where = src.hub.id if src.hub else src.path or (src.package and src.package.package) or f"generated:{src.generated}"
        table.add_row(e.id, e.domain, e.role, e.format, str(e.size or ""), str(e.release_date or ""), str(where))
    Console().print(table)
    return 0


def ui(port: int) -> int:
    setup_environment()
    ensure_dbt_manifest()
    cmd = [sys.executable, "-m", "dagster", "dev", "-m", "dagster_project.definitions", "-h", "127.0.0.1", "-p", str(port)]
    return subprocess.call(cmd)


def app(port: int) -> int:
    from app.serve import serve

    setup_environment()
    return serve(port)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="arena", description="DataArena: measure the value of SFT datasets.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("catalog", help="list or validate catalogs, or fetch their Hub card licences")
    p.add_argument("action", choices=["list", "validate", "cards"])
    p.add_argument("names", nargs="*")
    p = sub.add_parser("materialize", help="ingest a catalog (or some of its datasets) and build the warehouse")
    p.add_argument("--catalog", action="append", dest="catalogs", help="catalog name (repeatable); default demo")
    p.add_argument("--dataset", action="append", dest="datasets", help="only this dataset id (repeatable)")
    p.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    p.add_argument("--no-warehouse", action="store_true", help="skip dbt build and the snapshot")
    p.add_argument("--train", metavar="PROTOCOL", help="also fine-tune and evaluate every training set under "
                   "this protocol (training/protocols/PROTOCOL.yaml), with the base-model baseline")
    p.add_argument("--engine", choices=["local", "ray"], default=os.environ.get("ARENA_ENGINE", "local"),
                   help="where scoring, lineage scans and train-evaluate run: this machine (default) or a Ray "
                        "cluster (RAY_ADDRESS; without it a local cluster for this command)")
    p = sub.add_parser("demo", help="run the whole arena on the offline demo catalog")
    p.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    p.add_argument("--protocol", default=DEMO_PROTOCOL, help=f"training protocol (default {DEMO_PROTOCOL})")
    p.add_argument("--no-train", action="store_true", help="skip fine-tuning and evaluation")
    p.add_argument("--serve", action="store_true", help="then serve the dashboard")
    p.add_argument("--port", type=int, default=8501)
    p = sub.add_parser("import-results", help="import a published results file or URL, then rebuild the warehouse")
    p.add_argument("file_or_url", help="ODA leaderboard or score-summary JSON, ODA's xlsx, a results CSV or "
                   "snapshot (.json.gz); http(s) URLs are downloaded")
    p.add_argument("--source", help="'published:<name>' (default: published:<file name>)")
    p.add_argument("--no-warehouse", action="store_true", help="import only, skip dbt build and the snapshot")
    p = sub.add_parser("findings", help="the paper's headline findings recomputed from the warehouse (markdown)")
    p.add_argument("--readme", action="store_true", help="write the table into README.md's findings block")
    p = sub.add_parser("sql", help="run a query against the published warehouse snapshot")
    p.add_argument("query")
    p = sub.add_parser("app", help="serve the dashboard on 127.0.0.1")
    p.add_argument("--port", type=int, default=8501)
    p = sub.add_parser("ui", help="start the Dagster UI on 127.0.0.1")
    p.add_argument("--port", type=int, default=3000)
    args = parser.parse_args(argv)
    if args.command == "catalog":
        return catalog_command(args)
    if args.command == "materialize":
        return materialize(args.catalogs or ["demo"], args.datasets, args.workers, not args.no_warehouse,
                           train_protocol=args.train, engine=args.engine)
    if args.command == "demo":
        # the ODA catalog is registered (not ingested) so ODA's published leaderboard joins its cards
        start = time.time()
        protocol = None if args.no_train else args.protocol
        status = materialize(["demo"], None, args.workers, train_protocol=protocol, register_only=["oda"])
        if status == 0:
            demo_summary(protocol, time.time() - start)
        return app(args.port) if status == 0 and args.serve else status
    if args.command == "app":
        return app(args.port)
    if args.command == "import-results":
        return import_results_command(args.file_or_url, args.source, not args.no_warehouse)
    if args.command == "findings":
        return findings_command(args.readme)
    if args.command == "sql":
        return print_sql(args.query)
    if args.command == "ui":
        return ui(args.port)
    return 2


if __name__ == "__main__":
    sys.exit(main())
