"""`arena materialize`: register catalogs, ingest and score each dataset, train and evaluate, build the warehouse."""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass

from arena_cli.environment import ensure_dbt_manifest, setup_environment
from arena_cli.runs import failure_messages, release_dead_runs, run_job, terminal


def lineage_run_config(catalogs: list[str]) -> dict:
    """ODA's published graph joins the lineage only when the `oda` catalog is in play, so the demo's
    graph shows the demo's own datasets."""
    if "oda" in catalogs:
        return {}
    return {"ops": {"collect_lineage_edges": {"config": {"oda_folder": "none"}}}}


@dataclass(frozen=True)
class Endpoint:
    """An OpenAI-compatible endpoint for the LLM judge or the lineage agent. Empty fields are left to the
    asset, which reads them from the environment (ARENA_JUDGE_*, ARENA_LINEAGE_LLM_*, ARENA_LLM_*)."""

    base_url: str = ""
    model: str = ""

    def config(self, **extra) -> dict:
        return {k: v for k, v in {"base_url": self.base_url, "model": self.model, **extra}.items() if v}


JUDGE_SUITE = "judge"


def scoring_run(suite: str, judge: Endpoint | None = None) -> tuple[str, dict]:
    """The job and run config that score one dataset with `suite`. The `judge` suite runs the judge job,
    which records every request's tokens and every failed attempt (`fct_judge_spend`, judge errors)."""
    if suite == JUDGE_SUITE:
        return "judge", {"ops": {"judge_scores": {"config": (judge or Endpoint()).config()}}}
    config = {"config": {"suite": suite}}
    return "scoring", {"ops": {"sample_scores": config, "set_scores": config}}


def ingest_run_config(max_records: int | None) -> dict | None:
    """The ingest job's config: read only the first `max_records` records of the source when given
    (a sample of a large Hub dataset, streamed)."""
    if not max_records:
        return None
    return {"ops": {"read_source": {"config": {"max_records": max_records}}}}


def _ingest_one(dataset_id: str, suite: str = "demo", judge: Endpoint | None = None,
                max_records: int | None = None, domains: bool = False) -> tuple[str, bool, list[str]]:
    """Ingest one dataset partition (its first `max_records` records when given), then score it with
    `suite` and, with `domains`, classify its samples' domains."""
    setup_environment()
    result = run_job("ingest", partition_key=dataset_id, run_config=ingest_run_config(max_records))
    if not result.success:
        return dataset_id, False, failure_messages(result)
    job, run_config = scoring_run(suite, judge)
    result = run_job(job, partition_key=dataset_id, run_config=run_config)
    if result.success and domains:
        result = run_job("domains", partition_key=dataset_id)
    return dataset_id, result.success, failure_messages(result)


def train_evaluate(protocol: str, dataset_ids: list[str], console, seeds: int = 1
                   ) -> tuple[dict[str, list[str]], dict[str, float]]:
    """The protocol's base-model baseline, then train + evaluate each dataset under it, one pair at a
    time (they share the CPU/GPU), `seeds` times (seed replicas `<protocol>@seed<k>`, replica 1 being
    the protocol itself). Each pair is its own Dagster run; finished pairs are reused. Returns the
    failures by partition and the seconds each took (`__base__` for the baseline)."""
    import dagster as dg

    from training.protocols import seed_keys
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    failures: dict[str, list[str]] = {}
    seconds: dict[str, float] = {}
    columns = (TextColumn(f"[bold]train + evaluate ({protocol})"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.description}"))
    pairs = [("__base__", "baselines", protocol)] + [
        (ds if key == protocol else f"{ds} ({key.rpartition('@')[2]})", "train_evaluate",
         dg.MultiPartitionKey({"dataset": ds, "protocol": key}))
        for key in seed_keys(protocol, seeds) for ds in dataset_ids]
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("", total=len(pairs))
        for name, job, key in pairs:
            progress.update(task, description=name)
            start = time.time()
            result = run_job(job, partition_key=key)
            seconds[name] = round(time.time() - start, 1)
            if not result.success:
                failures[str(key)] = failure_messages(result)
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
                engine: str = "local", *, suite: str = "demo", judge: Endpoint | None = None,
                lineage_agent: Endpoint | None = None, agent_cards: str = "", max_records: int | None = None,
                domains: bool = False, seeds: int = 1) -> int:
    """Register catalogs, ingest the datasets (in parallel processes), train and evaluate the training
    sets under `train_protocol` when one is given, then build the warehouse. Catalogs in
    `register_only` are registered (their cards join published results) but not ingested. With
    `engine="ray"` the heavy steps (scoring, lineage scans, train-evaluate) run on a Ray cluster.
    `suite` names the scoring suite (scoring/suites.yaml; `judge` runs the LLM judge against `judge`);
    `lineage_agent` runs the lineage agent against that endpoint before the lineage job, reading
    dataset cards from `agent_cards` (a folder) or, when empty, from the web. `max_records` ingests only
    the first N records of each dataset. `domains` classifies every sample's domain after scoring (the
    `domains` job: MiniLM on each sample). `seeds` repeats every training run over that many seed
    replicas of the protocol."""
    setup_environment()
    with engine_session(engine, terminal()):
        return _materialize(catalogs, datasets, workers, build_warehouse, train_protocol, register_only, engine,
                            suite, judge, lineage_agent, agent_cards, max_records, domains, seeds)


def _planted_stages(protocol: str, seeds: int) -> list[tuple[str, str, dict]]:
    """The demo's planted ordering compared as an experiment (its arms are the trained demo sets)."""
    from training.experiments.planted import planted_experiment

    experiment_id = planted_experiment(protocol, seeds).experiment_id
    arms = {"kind": "planted", "protocol": protocol, "seeds": seeds}
    return [("experiment_arms", "planted ordering", {"ops": {"experiment_datasets": {"config": arms}}}),
            ("experiment_compare", "planted ordering gains",
             {"ops": {"experiment_gains": {"config": {"experiment_id": experiment_id}}}})]


def _materialize(catalogs: list[str], datasets: list[str] | None, workers: int, build_warehouse: bool,
                 train_protocol: str | None, register_only: list[str] | None, engine: str, suite: str,
                 judge: Endpoint | None, lineage_agent: Endpoint | None, agent_cards: str,
                 max_records: int | None = None, domains: bool = False, seeds: int = 1) -> int:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from ingest.catalog import load_catalog

    console = terminal()
    setup_environment()
    ensure_dbt_manifest()
    for run_id in release_dead_runs():
        console.print(f"released run {run_id[:8]}: its process died before it finished")
    registered = catalogs + [c for c in register_only or [] if c not in catalogs]
    result = run_job("catalog", run_config={"ops": {"dataset_catalog": {"config": {"catalogs": registered}}}})
    if not result.success:
        for m in failure_messages(result):
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
            outcomes = (_ingest_one(i, suite, judge, max_records, domains) for i in ids)
            for dataset_id, ok, messages in outcomes:
                if not ok:
                    failures[dataset_id] = messages
                progress.update(task, advance=1, description=dataset_id)
        else:
            # with Ray initialised in this process, workers must start fresh (a forked Ray driver breaks)
            context = multiprocessing.get_context("spawn") if engine == "ray" else None
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = [pool.submit(_ingest_one, i, suite, judge, max_records, domains) for i in ids]
                for fut in as_completed(futures):
                    dataset_id, ok, messages = fut.result()
                    if not ok:
                        failures[dataset_id] = messages
                    progress.update(task, advance=1, description=dataset_id)
    if train_protocol:
        ingested = set(ids) - set(failures)
        train_ids = [e.id for name in catalogs for e in load_catalog(name).datasets
                     if e.role == "train" and e.id in ingested]
        failures |= train_evaluate(train_protocol, train_ids, console, seeds)[0]
    for dataset_id, messages in failures.items():
        console.print(f"[red]FAILED {dataset_id}[/red]: " + " | ".join(messages))
    stages = []
    if train_protocol and "demo" in catalogs and not failures:
        stages += _planted_stages(train_protocol, seeds)
    if lineage_agent is not None:
        agent = {"ops": {"lineage_agent_edges": {"config": lineage_agent.config(cards_dir=agent_cards)}}}
        stages.append(("lineage_agent", "lineage agent", agent))
    if build_warehouse:
        stages += [("lineage", "lineage and contamination", lineage_run_config(catalogs)),
                   ("results", "published results import", None)]
    for job_name, label, run_config in stages:
        console.print(f"[bold]{label}[/bold] ...")
        result = run_job(job_name, run_config=run_config)
        if not result.success:
            for m in failure_messages(result):
                console.print(f"[red]{job_name} failed[/red]: {m}")
            return 1
    if build_warehouse:
        console.print("[bold]dbt build[/bold] and snapshot publish ...")
        result = run_job("warehouse")
        if not result.success:
            for m in failure_messages(result):
                console.print(f"[red]warehouse failed[/red]: {m}")
            return 1
    console.print(f"ingested {len(ids) - len(failures)} of {len(ids)} datasets into {os.environ['ARENA_HOME']}")
    return 1 if failures else 0


