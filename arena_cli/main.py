"""`arena`: everyday operations, thin over Dagster.

    arena catalog list [demo|local|oda]   list a catalog's datasets
    arena catalog validate [NAME ...]     validate catalogs (every bad entry reported)
    arena catalog cards [NAME ...]        fetch Hub card licences of entries that state none (cached)
    arena materialize --catalog demo      register, ingest every dataset, build the warehouse
    arena materialize --dataset gsm8k_train --catalog local
    arena materialize --catalog demo --train smollm2_135m_demo   ... and fine-tune + evaluate every train set
    arena materialize --dataset alpaca_sdft --catalog local --suite full   ... with every heuristic and setwise scorer
    arena materialize --catalog demo --suite judge --judge-url URL --judge-model M   ... the LLM judge
    arena materialize --catalog oda --lineage-agent --agent-url URL --agent-model M  ... and the lineage agent
    arena materialize --catalog local --domains   ... and classify every sample's domain (MiniLM)
    arena materialize --catalog local --engine ray   ... scoring, lineage scans, training on a Ray cluster
                                          (RAY_ADDRESS, else a local cluster for the command's lifetime)
    arena demo                            the whole offline demo arena, training and evaluation included
    arena validate demo|gsm8k             planted ordering (demo) or a real GSM8K fine-tune, with paired-bootstrap CIs
    arena import-results FILE_OR_URL      import a published leaderboard (ODA JSON/xlsx, CSV), rebuild the warehouse
    arena findings [--readme]             the paper's findings recomputed (into README.md with --readme)
    arena sql "select * from dim_datasets"  query the published warehouse snapshot
    arena ui                              the Dagster UI on 127.0.0.1
    arena docs                            the dbt docs site (models, columns, tests, lineage) on 127.0.0.1:8080
    arena app                             the dashboard (Streamlit) on 127.0.0.1:8501

Runs are recorded in the Dagster instance under $ARENA_HOME/dagster_home, so everything the CLI
materializes shows up in the UI with its logs and metadata.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from arena_cli.environment import ensure_dbt_manifest, setup_environment
from arena_cli.materialize import materialize
from arena_cli.runs import failure_messages, run_job, terminal
from arena_cli.summary import demo_summary

DEMO_PROTOCOL = "smollm2_135m_demo"


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
    for m in failure_messages(result):
        console.print(f"[red]warehouse failed[/red]: {m}")
    return 0 if result.success else 1


def findings_command(readme: bool) -> int:
    """Print the findings table from the warehouse snapshot, or write it into the README."""
    from results.findings_report import findings_markdown, update_readme
    from warehouse.paths import ArenaPaths
    from warehouse.serving import current_snapshot

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

    from warehouse.paths import ArenaPaths
    from warehouse.serving import current_snapshot

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
    for m in failure_messages(result):
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
    # the code server and dbt run from this environment's bin folder even when it is not on PATH
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")])}
    return subprocess.call(cmd, cwd=Path(__file__).resolve().parent.parent, env=env)


def app(port: int) -> int:
    from app.serve import serve

    setup_environment()
    return serve(port)


def experiment_command(args) -> int:
    from arena_cli.experiment import demo_selection, run_experiment

    build = not args.no_warehouse
    if args.experiment == "demo":
        return demo_selection(args.protocol, args.seeds, build, seed=args.seed)
    common = {"protocol": args.protocol, "seeds": args.seeds, "seed": args.seed, "measure": args.measure}
    if args.experiment == "select":
        config = {"kind": "select", "dataset": args.dataset, "scorer": args.scorer, "keep": args.keep}
    else:
        config = {"kind": "mix", "mix": args.mix, "budget": args.budget}
    return run_experiment(config | common, build)[0]


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
    p.add_argument("--max-records", type=int, default=None, metavar="N",
                   help="ingest only the first N records of each dataset (Hub datasets are streamed, so a "
                        "sample of a large one downloads little)")
    p.add_argument("--no-warehouse", action="store_true", help="skip dbt build and the snapshot")
    p.add_argument("--train", metavar="PROTOCOL", help="also fine-tune and evaluate every training set under "
                   "this protocol (training/protocols/PROTOCOL.yaml), with the base-model baseline")
    p.add_argument("--engine", choices=["local", "ray"], default=os.environ.get("ARENA_ENGINE", "local"),
                   help="where scoring, lineage scans and train-evaluate run: this machine (default) or a Ray "
                        "cluster (RAY_ADDRESS; without it a local cluster for this command)")
    p.add_argument("--suite", default="demo", help="scoring suite from scoring/suites.yaml: demo (default), full, "
                   "hub (model-based, needs the models), or judge (the LLM judge, with its spend and errors)")
    p.add_argument("--judge-url", default="", help="the judge's OpenAI-compatible endpoint (else ARENA_JUDGE_BASE_URL "
                   "or ARENA_LLM_BASE_URL); the API key comes from ARENA_JUDGE_API_KEY or OPENAI_API_KEY")
    p.add_argument("--judge-model", default="", help="the judge model (else ARENA_JUDGE_MODEL or ARENA_LLM_MODEL)")
    p.add_argument("--lineage-agent", action="store_true", help="also trace lineage with the LLM agent from "
                   "dataset cards (before the lineage job)")
    p.add_argument("--agent-url", default="", help="the agent's endpoint (else ARENA_LINEAGE_LLM_URL or ARENA_LLM_BASE_URL)")
    p.add_argument("--agent-model", default="", help="the agent's model (else ARENA_LINEAGE_LLM_MODEL or ARENA_LLM_MODEL)")
    p.add_argument("--agent-cards", default="", help="a folder of dataset cards to read instead of the web")
    p.add_argument("--domains", action="store_true", help="also classify every sample's domain (the domains job: "
                   "MiniLM embeddings and the shipped classifier; about 17 samples/s on a busy 2-core CPU)")
    p.add_argument("--seeds", type=int, default=1, help="with --train: repeat every run over this many seeds "
                   "(protocol keys <protocol>@seed<k>; the first is the protocol itself)")
    p = sub.add_parser("experiment", help="selection and mixture experiments under a protocol (trains every arm)")
    experiments = p.add_subparsers(dest="experiment", required=True)
    e = experiments.add_parser("select", help="train on the top, the bottom and a random share of a dataset "
                               "ranked by a per-sample score; gains with paired-bootstrap intervals")
    e.add_argument("--dataset", required=True)
    e.add_argument("--scorer", required=True, help="a score dimension of sample_scores, e.g. a_arithmetic_correct "
                   "(higher is kept)")
    e.add_argument("--keep", default="25%", help="the share each arm keeps (default 25%%)")
    e = experiments.add_parser("mix", help="train on a weighted mixture and on each of its datasets alone, at "
                               "an equal sample or token budget")
    e.add_argument("--mix", required=True, help="weights over datasets: a=0.5,b=0.5")
    e.add_argument("--budget", default="samples:400", help="samples:<n> or tokens:<n> (default samples:400)")
    for name in ("select", "mix"):      # the demo case is judged on the demo's primary measure
        experiments.choices[name].add_argument(
            "--measure", default="", help="benchmark:metric the experiment is judged on (the dashboard opens "
            "on it), e.g. demo_math_bench_final:final_greedy")
    e = experiments.add_parser("demo", help="the demo's selection case with a known answer (demo_math_noisy "
                               "ranked by a_arithmetic_correct: top must beat random)")
    for e in experiments.choices.values():
        e.add_argument("--protocol", default=DEMO_PROTOCOL, help=f"training protocol (default {DEMO_PROTOCOL})")
        e.add_argument("--seeds", type=int, default=1, help="train every arm under this many seeds")
        e.add_argument("--seed", type=int, default=0, help="the seed of the random draws (random arm, mixture)")
        e.add_argument("--no-warehouse", action="store_true", help="skip dbt build and the snapshot")
    p = sub.add_parser("demo", help="run the whole arena on the offline demo catalog")
    p.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    p.add_argument("--protocol", default=DEMO_PROTOCOL, help=f"training protocol (default {DEMO_PROTOCOL})")
    p.add_argument("--no-train", action="store_true", help="skip fine-tuning and evaluation")
    p.add_argument("--serve", action="store_true", help="then serve the dashboard")
    p.add_argument("--port", type=int, default=8501)
    p = sub.add_parser("validate", help="train-evaluate end to end and check the measured gaps (demo: the planted "
                       "ordering; gsm8k: a real GSM8K fine-tune against the base model)")
    p.add_argument("which", choices=["demo", "gsm8k"])
    p.add_argument("--protocol", help="training protocol (default smollm2_135m_demo / smollm2_135m_gsm8k)")
    p.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    p.add_argument("--seeds", type=int, default=1, help="repeat every run over this many seeds (demo: the "
                   "ordering's intervals over seeds and its rank stability)")
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
    p = sub.add_parser("docs", help="build the dbt docs site (models, tests, lineage) and serve it on 127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p = sub.add_parser("ui", help="start the Dagster UI on 127.0.0.1")
    p.add_argument("--port", type=int, default=3000)
    args = parser.parse_args(argv)
    if args.command == "catalog":
        return catalog_command(args)
    if args.command == "materialize":
        from arena_cli.materialize import Endpoint

        agent = Endpoint(args.agent_url, args.agent_model) if args.lineage_agent else None
        return materialize(args.catalogs or ["demo"], args.datasets, args.workers, not args.no_warehouse,
                           train_protocol=args.train, engine=args.engine, suite=args.suite,
                           judge=Endpoint(args.judge_url, args.judge_model), lineage_agent=agent,
                           agent_cards=args.agent_cards, max_records=args.max_records,
                           domains=args.domains, seeds=args.seeds)
    if args.command == "experiment":
        return experiment_command(args)
    if args.command == "demo":
        # the ODA catalog is registered (not ingested) so ODA's published leaderboard joins its cards
        start = time.time()
        protocol = None if args.no_train else args.protocol
        status = materialize(["demo"], None, args.workers, train_protocol=protocol, register_only=["oda"])
        if status == 0:
            demo_summary(protocol, time.time() - start)
        return app(args.port) if status == 0 and args.serve else status
    if args.command == "validate":
        from arena_cli.validation import validate

        return validate(args.which, args.protocol, args.workers, args.seeds)
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
    if args.command == "docs":
        from warehouse.dbt_docs import serve_docs

        setup_environment()
        ensure_dbt_manifest()
        serve_docs(args.port)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
