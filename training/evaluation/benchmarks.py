"""Benchmarks and suites (benchmarks.yaml), and a benchmark's items as lm-eval documents.

A benchmark is an ingested catalog dataset (its lake `samples` partition) asked about in one
evaluation kind (training.evaluation.kinds). Evaluation reads the same normalized samples as the
contamination scan, so an evaluated item's id is the sample id a leak is reported under. Several
benchmarks may read one dataset in different kinds (exact match, solution likelihood, final step).
A benchmark of kind `online` has no local copy: it is only evaluated as the standard lm-eval task
`online_task` (mode='online'), which any local benchmark may name too.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml

from training.evaluation.kinds import KINDS, BenchmarkItem, EvalKind, get_kind
from warehouse.paths import ArenaPaths
from warehouse.tables import SAMPLES

CONFIG = Path(__file__).with_name("benchmarks.yaml")
ONLINE = "online"


@dataclass(frozen=True)
class Benchmark:
    name: str
    kind: str
    domain: str
    dataset: str | None = None          # the ingested catalog dataset holding the items
    online_task: str | None = None
    num_fewshot: int | None = None      # shots of the online task (None: the task's own)
    published_as: str | None = None     # the benchmark's id among published results (results.benchmarks)
    missing: str | None = None          # what an online task for it needs, while there is none

    def online_task_or_explain(self) -> str:
        if self.online_task:
            return self.online_task
        reason = f": it needs {self.missing}" if self.missing else ""
        raise ValueError(f"benchmark '{self.name}' has no lm-eval task for online mode{reason}")

    @property
    def eval_kind(self) -> EvalKind:
        if self.kind == ONLINE:
            raise ValueError(f"benchmark '{self.name}' has no local copy; evaluate it with mode='online'")
        return get_kind(self.kind)


@dataclass(frozen=True)
class SuiteItem:
    benchmark: Benchmark
    limit: int | None = None


def _config() -> dict:
    return yaml.safe_load(CONFIG.read_text())


def load_benchmark(name: str) -> Benchmark:
    benches = _config()["benchmarks"]
    if name not in benches:
        close = difflib.get_close_matches(name, benches, n=3)
        raise KeyError(f"unknown benchmark '{name}'." + (f" Did you mean {close}?" if close else ""))
    b = benches[name]
    if b["kind"] != ONLINE and b["kind"] not in KINDS:
        raise ValueError(f"benchmark '{name}': kind {b['kind']!r} not in {sorted(KINDS)} or {ONLINE!r}")
    if b["kind"] != ONLINE and not b.get("dataset"):
        raise ValueError(f"benchmark '{name}': kind {b['kind']!r} needs the `dataset` it reads its items from")
    if b["kind"] == ONLINE and not (b.get("online_task") or b.get("missing")):
        raise ValueError(f"benchmark '{name}': kind 'online' needs an `online_task` (or says what it is `missing`)")
    return Benchmark(name=name, kind=b["kind"], domain=b["domain"], dataset=b.get("dataset"),
                     online_task=b.get("online_task"), num_fewshot=b.get("num_fewshot"),
                     published_as=b.get("published_as"), missing=b.get("missing"))


def load_suite(name: str) -> list[SuiteItem]:
    suites = _config()["suites"]
    if name not in suites:
        close = difflib.get_close_matches(name, suites, n=3)
        raise KeyError(f"unknown benchmark suite '{name}'." + (f" Did you mean {close}?" if close else ""))
    return [SuiteItem(load_benchmark(i["benchmark"]), i.get("limit")) for i in suites[name]]


def online_runnable(suite: list[SuiteItem]) -> tuple[list[SuiteItem], list[Benchmark]]:
    """(items with an lm-eval task, benchmarks without one yet): online, a suite is evaluated on the
    first, and the second are named rather than failing the whole suite."""
    ok = [i for i in suite if i.benchmark.online_task]
    return ok, [i.benchmark for i in suite if not i.benchmark.online_task]


def ingest_command(dataset: str) -> str:
    """The command that ingests a catalog dataset (named with the catalogs that list it)."""
    from ingest.catalog import CatalogError, available_catalogs, load_catalog

    listing = []
    for name in available_catalogs():
        try:
            if dataset in load_catalog(name).ids:
                listing.append(name)
        except CatalogError:
            continue
    if not listing:
        return f"add '{dataset}' to a catalog (catalogs/*.yaml), then `arena materialize --catalog <it> --dataset {dataset}`"
    return " or ".join(f"`arena materialize --catalog {c} --dataset {dataset}`" for c in listing)


def benchmark_items(bench: Benchmark, paths: ArenaPaths) -> list[BenchmarkItem]:
    """The benchmark's samples in source order (every record, duplicates included: they are items of
    the benchmark as published)."""
    from warehouse.lake import read_partition

    if bench.dataset is None:
        raise ValueError(f"benchmark '{bench.name}' reads no dataset")
    try:
        table = read_partition(paths, SAMPLES.name, bench.dataset,
                               columns=["record_index", "sample_id", "messages", "extra"])
    except FileNotFoundError:
        raise FileNotFoundError(f"benchmark '{bench.name}': its dataset '{bench.dataset}' is not ingested; "
                                f"ingest it with {ingest_command(bench.dataset)}") from None
    rows = sorted(table.to_pylist(), key=lambda r: r["record_index"])
    return [BenchmarkItem.from_sample(r, f"benchmark '{bench.name}' (dataset '{bench.dataset}') record "
                                         f"{r['record_index']}") for r in rows]


def load_documents(bench: Benchmark, paths: ArenaPaths, limit: int | None = None) -> list[dict]:
    """The benchmark's lm-eval documents in a fixed order (source order), the first `limit` of them."""
    kind = bench.eval_kind
    items = benchmark_items(bench, paths)
    if not items:
        raise ValueError(f"benchmark '{bench.name}' has no items")
    docs = [kind.document(item) for item in items]
    return docs[:limit] if limit else docs
