"""`arena`: everyday operations, thin over Dagster.

    arena catalog list [demo|local|oda]   list a catalog's datasets
    arena catalog validate [NAME ...]     validate catalogs (every bad entry reported)
    arena materialize --catalog demo      register, ingest every dataset, build the warehouse
    arena materialize --dataset gsm8k_train --catalog local
    arena materialize --catalog demo --train smollm2_135m_demo   ... and fine-tune + evaluate every train set
    arena materialize --catalog local --engine ray   ... scoring, lineage scans, training on a Ray cluster
                                          (RAY_ADDRESS, else a local cluster for the command's lifetime)
    arena demo                            the whole offline demo arena, training and evaluation included
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
from contextlib import contextmanager
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


def run_job(job_name: str, *, partition_key: str | None = None, run_config: dict | None = None):
    """Execute one job of the definitions in this process, recorded in the Dagster instance."""
    from dagster_project.definitions import defs

    job = defs.resolve_job_def(job_name)
    config = {"loggers": {"console": {"config": {"log_level": os.environ.get("ARENA_LOG_LEVEL", "WARNING")}}},
              **(run_config or {})}
    return job.execute_in_process(instance=_instance(), partition_key=partition_key, run_config=config,
                                  raise_on_error=False)


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
                train_protocol: str | None = None, engine: str = "local") -> int:
    """Register catalogs, ingest the datasets (in parallel processes), train and evaluate the training
    sets under `train_protocol` when one is given, then build the warehouse. With `engine="ray"` the
    heavy steps (scoring, lineage scans, train-evaluate) run on a Ray cluster."""
    from rich.console import Console

    setup_environment()
    with engine_session(engine, Console(stderr=True)):
        return _materialize(catalogs, datasets, workers, build_warehouse, train_protocol, engine)


def _materialize(catalogs: list[str], datasets: list[str] | None, workers: int, build_warehouse: bool,
                 train_protocol: str | None, engine: str) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ingest.catalog import load_catalog

    console = Console(stderr=True)
    setup_environment()
    ensure_dbt_manifest()
    result = run_job("catalog", run_config={"ops": {"dataset_catalog": {"config": {"catalogs": catalogs}}}})
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


def catalog_command(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from ingest.catalog import CatalogError, available_catalogs, load_catalog

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
    p = sub.add_parser("catalog", help="list or validate catalogs")
    p.add_argument("action", choices=["list", "validate"])
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
        status = materialize(["demo"], None, args.workers, train_protocol=None if args.no_train else args.protocol)
        return app(args.port) if status == 0 and args.serve else status
    if args.command == "app":
        return app(args.port)
    if args.command == "sql":
        return print_sql(args.query)
    if args.command == "ui":
        return ui(args.port)
    return 2


if __name__ == "__main__":
    sys.exit(main())
