"""Ingest + normalize throughput and peak memory: the arena's streaming pipeline against naive baselines.

Measures, on the largest real sets in ../shared/data and on a generated 1M-record JSON Lines set:

- `arena`: `read_dataset` + `normalize_dataset` (streaming readers, batched Parquet partitions);
- `hf_datasets` (baseline): `datasets.load_dataset("json"|"csv", data_files=...)`, then the same
  `Normalizer` applied row by row in Python, the samples collected and written as one Parquet file;
- `json_load` (baseline): the whole file parsed into memory at once (`json.load`, or every line /
  CSV row into a list), then the same per-row normalization and one Parquet write.

All methods normalize with the same `Normalizer` and format, so the comparison is about reading and
memory, not about what is computed; the table reports each method's sample count to show that.

Every measurement runs in its own child process (a fresh interpreter), and its peak memory is the
child's RSS high-water mark (VmHWM, the Linux counter behind getrusage's ru_maxrss, read for the
child's own address space), which includes the interpreter and its imports. While a child runs the parent polls its RSS and kills it past `--rss-cap-mb`
(default 6000), so a naive baseline cannot exhaust a shared machine; such a row reads "killed".
Throughput is source records per second of the work itself (interpreter start and imports
excluded). The generated set must stream within 2 GB: the script exits with status 1 when the
arena's peak RSS on it reaches 2048 MB.

Run from the project root:  python bench/ingest/bench_ingest.py --out bench/ingest/results.md
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REAL_SETS = ["gsm8k_train", "mmlu_test", "math_test", "new_codealpaca"]
METHODS = ["arena", "hf_datasets", "json_load"]
MEMORY_BOUND_MB = 2048
GENERATED_ID = "generated_jsonl"

# ---------------------------------------------------------------- generated data

WORDS = ("the a of to and in is for on with as by at from that this it be are was were can will not or "
         "number sum total apples train speed hour minute cost price buy sell each more less than twice half "
         "function return value list string python code error loop index array sort find write explain why "
         "because therefore answer step first then next finally compute result equal problem solve").split()
UNICODE = ["café", "naïve", "Straße", "東京", "données", "π ≈ 3.14", "😀", "Ωmega", "résumé", "नमस्ते"]


def _sentence(rnd: random.Random, n: int) -> str:
    words = [rnd.choice(WORDS) for _ in range(n)]
    if rnd.random() < 0.3:
        words.insert(rnd.randrange(len(words)), rnd.choice(UNICODE))
    return " ".join(words).capitalize() + "."


def generate_jsonl(path: Path, n: int, seed: int = 1234) -> None:
    """n Alpaca-style records (~10% multi-turn history, ~20% with a system prompt), deterministic."""
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            record = {"instruction": f"Task {i}: " + _sentence(rnd, rnd.randint(8, 30)),
                      "input": _sentence(rnd, rnd.randint(3, 12)) if rnd.random() < 0.4 else "",
                      "output": " ".join(_sentence(rnd, rnd.randint(6, 20)) for _ in range(rnd.randint(1, 4)))}
            if rnd.random() < 0.2:
                record["system"] = "You are a careful assistant."
            if rnd.random() < 0.1:
                record["history"] = [[_sentence(rnd, 8), _sentence(rnd, 12)] for _ in range(rnd.randint(1, 2))]
            f.write(json.dumps(record, ensure_ascii=False))
            f.write("\n")


# ---------------------------------------------------------------- the child: one measurement

def detected_format(entry) -> str:
    """The format every method normalizes with: the catalog's, or the pipeline's own detection over
    the first 1,000 records (untimed, in the parent)."""
    import itertools

    from ingest import formats
    from ingest.normalize import parse_record
    from ingest.readers import iter_source

    if entry.format != "auto":
        return entry.format
    head = [parse_record(r.text) for r in itertools.islice(iter_source(entry), 1000) if r.text is not None]
    return formats.detect_format(head) or "unknown"


def _entry_for(spec: dict):
    from ingest.catalog import DatasetEntry, load_catalog

    if spec["dataset"] == GENERATED_ID:
        return DatasetEntry(id=GENERATED_ID, name="Generated JSONL", domain="general", source={"path": spec["path"]})
    return load_catalog("local").get(spec["dataset"])


def _files(entry) -> list[str]:
    from ingest.readers import local_files

    return local_files(entry)


def run_arena(spec: dict) -> dict:
    from ingest.pipeline import normalize_dataset, read_dataset
    from warehouse.paths import ArenaPaths

    entry = _entry_for(spec)
    paths = ArenaPaths(Path(spec["home"]))
    t0 = time.perf_counter()
    read = read_dataset(entry, paths, progress=False)
    t1 = time.perf_counter()
    norm = normalize_dataset(entry, paths, progress=False)
    t2 = time.perf_counter()
    return {"records": read.records, "samples": norm.samples, "rejects": norm.rejected + norm.read_rejected,
            "format": norm.format, "seconds": t2 - t0, "read_s": t1 - t0, "normalize_s": t2 - t1}


def _normalize_all(rows_iter, entry, fmt: str, out: Path) -> dict:
    """The per-row normalization both baselines share: same Normalizer, one in-memory list, one write."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ingest.formats import RecordError
    from ingest.normalize import Normalizer
    from warehouse.tables import SAMPLES

    normalizer = Normalizer(entry.id, fmt, columns=entry.columns, allow_prompt_only=entry.role == "benchmark")
    samples, rejects, records = [], 0, 0
    for i, row in enumerate(rows_iter):
        records += 1
        try:
            samples.append(normalizer.normalize(i, json.dumps(row, ensure_ascii=False, default=str)))
        except RecordError:
            rejects += 1
    pq.write_table(pa.Table.from_pylist(samples, schema=SAMPLES.schema), out, compression="zstd")
    return {"records": records, "samples": len(samples), "rejects": rejects}


def run_hf_datasets(spec: dict) -> dict:
    import datasets

    from ingest.readers import MMLU_COLUMNS

    datasets.disable_progress_bars()
    entry = _entry_for(spec)
    files = _files(entry)
    t0 = time.perf_counter()
    if files[0].endswith(".csv"):
        kwargs = {"column_names": MMLU_COLUMNS} if entry.format == "mmlu_csv" else {}
        ds = datasets.load_dataset("csv", data_files=files, split="train", cache_dir=spec["home"], **kwargs)
    else:
        ds = datasets.load_dataset("json", data_files=files, split="train", cache_dir=spec["home"])
    t1 = time.perf_counter()
    result = _normalize_all(iter(ds), entry, spec["format"], Path(spec["home"]) / "samples.parquet")
    t2 = time.perf_counter()
    return {**result, "format": spec["format"], "seconds": t2 - t0, "read_s": t1 - t0, "normalize_s": t2 - t1}


def run_json_load(spec: dict) -> dict:
    import csv

    from ingest.readers import MMLU_COLUMNS

    entry = _entry_for(spec)
    t0 = time.perf_counter()
    rows: list[dict] = []
    for path in _files(entry):
        with open(path, encoding="utf-8", newline="" if path.endswith(".csv") else None) as f:
            if path.endswith(".csv"):
                if entry.format == "mmlu_csv":
                    rows += [dict(zip(MMLU_COLUMNS, r)) for r in csv.reader(f) if r]
                else:
                    rows += list(csv.DictReader(f))
            else:
                text = f.read()
                if text.lstrip()[:1] == "[":
                    rows += json.loads(text)
                else:
                    rows += [json.loads(line) for line in text.splitlines() if line.strip()]
                del text
    t1 = time.perf_counter()
    result = _normalize_all(rows, entry, spec["format"], Path(spec["home"]) / "samples.parquet")
    t2 = time.perf_counter()
    return {**result, "format": spec["format"], "seconds": t2 - t0, "read_s": t1 - t0, "normalize_s": t2 - t1}


def _cpu_seconds() -> float:
    """User + system CPU time of this process (all threads): less sensitive to a busy machine than wall time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child_main(spec: dict) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    sys.path.insert(0, str(ROOT))
    import pyarrow  # noqa: F401  - imported by every method; counted in the import baseline
    import ingest.pipeline  # noqa: F401
    if spec["method"] == "hf_datasets":
        import datasets  # noqa: F401
    Path(spec["home"]).mkdir(parents=True, exist_ok=True)
    import_rss = _proc_status_mb("self", "VmHWM")
    cpu0 = _cpu_seconds()
    result = {"arena": run_arena, "hf_datasets": run_hf_datasets, "json_load": run_json_load}[spec["method"]](spec)
    result["cpu_s"] = _cpu_seconds() - cpu0
    result["import_rss_mb"] = import_rss
    result["peak_rss_mb"] = _proc_status_mb("self", "VmHWM")
    result["ru_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(result), flush=True)


# ---------------------------------------------------------------- the parent: orchestration

def _proc_status_mb(pid: int | str, field: str) -> float:
    """VmRSS (resident now) or VmHWM (resident high-water mark) of a process, in MB (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(spec: dict, rss_cap_mb: float, log_dir: Path) -> dict:
    """Run one measurement in a child process and return what it reports, with its peak RSS.

    The peak is the child's own VmHWM (the high-water mark of its address space since exec). Its
    getrusage ru_maxrss is reported too, but on Linux that value also carries the RSS the parent
    had when it forked the child (kept across execve), so it overstates a small child.
    """
    log = log_dir / f"{spec['dataset']}-{spec['method']}"
    with open(f"{log}.out", "w") as out, open(f"{log}.err", "w") as err:
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)],
                                stdout=out, stderr=err, cwd=ROOT)
        killed_at, peak = None, 0.0
        while True:
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            rss = _proc_status_mb(proc.pid, "VmRSS")
            peak = max(peak, _proc_status_mb(proc.pid, "VmHWM"))
            if rss > rss_cap_mb and killed_at is None:
                killed_at = rss
                os.kill(proc.pid, signal.SIGKILL)
            time.sleep(0.1)
    lines = [ln for ln in Path(f"{log}.out").read_text().splitlines() if ln.startswith("RESULT ")]
    if killed_at is not None:
        return {"status": f"killed at {killed_at:.0f} MB RSS (cap {rss_cap_mb:.0f})", "peak_rss_mb": peak}
    if not lines or os.waitstatus_to_exitcode(status) != 0:
        tail = Path(f"{log}.err").read_text()[-800:]
        return {"status": f"failed (exit {os.waitstatus_to_exitcode(status)}): {tail.strip().splitlines()[-1] if tail.strip() else ''}",
                "peak_rss_mb": peak}
    return {"status": "ok", **json.loads(lines[-1][len("RESULT "):])}


def machine_line() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    from importlib.metadata import version  # versions without importing (keeps the parent small)

    return (f"{os.cpu_count()}-core CPU ({cpu}), {mem_gb:.0f} GiB RAM, Python {platform.python_version()}, "
            f"pyarrow {version('pyarrow')}, datasets {version('datasets')}; load average at start {load} "
            f"(the machine is shared)")


def render(rows: list[dict], machine: str, generated_n: int) -> str:
    out = ["# Ingest + normalize benchmark", "",
           f"Machine: {machine}. Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
           "Throughput is source records per second of the work (read + normalize + Parquet write; interpreter "
           "start and imports excluded), per wall-clock second and per CPU second (user + system, all threads; "
           "the steadier figure on a busy machine). Peak RSS is the child process's resident high-water mark (VmHWM), imports "
           "included; 'import MB' is that mark after imports, before any work. Each method normalizes with the same "
           "Normalizer and format; `hf_datasets` = `datasets.load_dataset(\"json\"|\"csv\", data_files=...)` + "
           "per-row normalization, `json_load` = whole file parsed into memory + per-row normalization, both writing "
           "one Parquet file at the end; `arena` = `read_dataset` + `normalize_dataset` (streaming).", "",
           "| dataset | records | MB | method | status | wall s (read + normalize) | records/s | CPU s | records/CPU-s | peak RSS MB | import MB | samples | rejects |",
           "|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        r = {**r, "dataset": f"generated {generated_n:,}-record JSONL" if r["dataset"] == GENERATED_ID else r["dataset"]}
        if r["status"] == "ok":
            out.append(f"| {r['dataset']} | {r['records']:,} | {r['mb']:.0f} | {r['method']} | ok | "
                       f"{r['seconds']:.1f} ({r['read_s']:.1f} + {r['normalize_s']:.1f}) | {r['records'] / r['seconds']:,.0f} | "
                       f"{r['cpu_s']:.1f} | {r['records'] / max(r['cpu_s'], 1e-9):,.0f} | {r['peak_rss_mb']:,.0f} | {r['import_rss_mb']:,.0f} | {r['samples']:,} | {r['rejects']:,} |")
        else:
            out.append(f"| {r['dataset']} | | {r['mb']:.0f} | {r['method']} | {r['status']} | | | | | "
                       f"{r['peak_rss_mb']:,.0f} | | | |")
    gen = [r for r in rows if r["dataset"] == GENERATED_ID and r["method"] == "arena" and r["status"] == "ok"]
    if gen:
        peak = gen[0]["peak_rss_mb"]
        out += ["", f"Generated {generated_n:,}-record JSONL streamed by the arena pipeline with peak RSS {peak:,.0f} MB: "
                    f"{'within' if peak < MEMORY_BOUND_MB else 'OVER'} the {MEMORY_BOUND_MB} MB bound."]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write the markdown table here (required)")
    parser.add_argument("--sets", default=",".join(REAL_SETS), help="real dataset ids from catalogs/local.yaml ('' for none)")
    parser.add_argument("--records", type=int, default=1_000_000, help="size of the generated set (0 to skip it)")
    parser.add_argument("--methods", default=",".join(METHODS), help=f"comma-separated subset of {METHODS}")
    parser.add_argument("--rss-cap-mb", type=float, default=6000, help="kill a child whose RSS exceeds this")
    parser.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a new temp folder)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(json.loads(args.child))
        return 0
    if args.out is None:
        parser.error("--out is required")

    sys.path.insert(0, str(ROOT))
    from ingest.catalog import load_catalog
    from ingest.readers import local_files

    work = args.workdir or Path(tempfile.mkdtemp(prefix="arena-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    methods = [m for m in args.methods.split(",") if m]
    unknown = set(methods) - set(METHODS)
    if unknown:
        parser.error(f"unknown methods {sorted(unknown)}")
    catalog = load_catalog("local")
    targets = []  # (dataset id, generated path or None, size in MB)
    for dataset_id in [s for s in args.sets.split(",") if s]:
        entry = catalog.get(dataset_id)
        targets.append((dataset_id, None, sum(os.path.getsize(f) for f in local_files(entry)) / 2**20))
    if args.records:
        gen_path = work / f"{GENERATED_ID}.jsonl"
        if not gen_path.exists():
            t = time.perf_counter()
            print(f"generating {args.records:,} records into {gen_path} ...", flush=True)
            generate_jsonl(gen_path, args.records)
            print(f"  done in {time.perf_counter() - t:.0f} s ({gen_path.stat().st_size / 2**20:.0f} MB)", flush=True)
        targets.append((GENERATED_ID, str(gen_path), gen_path.stat().st_size / 2**20))

    machine = machine_line()
    print(machine, flush=True)
    rows = []
    for dataset_id, path, mb in targets:
        fmt = detected_format(_entry_for({"dataset": dataset_id, "path": path}))
        for method in methods:
            home = work / f"home-{dataset_id}-{method}"
            spec = {"method": method, "dataset": dataset_id, "path": path, "home": str(home), "format": fmt}
            row = {"dataset": dataset_id, "method": method, "mb": mb, **measure(spec, args.rss_cap_mb, work)}
            rows.append(row)
            shown = (f"{row['records'] / row['seconds']:,.0f} rec/s, peak {row['peak_rss_mb']:,.0f} MB"
                     if row["status"] == "ok" else f"{row['status']}, peak {row['peak_rss_mb']:,.0f} MB")
            print(f"{dataset_id:>16} {method:<12} {shown}", flush=True)
            shutil.rmtree(home, ignore_errors=True)

    table = render(rows, machine, args.records)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    print("\n" + table)
    over = [r for r in rows if r["dataset"] == GENERATED_ID and r["method"] == "arena"
            and (r["status"] != "ok" or r["peak_rss_mb"] >= MEMORY_BOUND_MB)]
    if over:
        print(f"FAIL: the arena pipeline did not stream the generated set within {MEMORY_BOUND_MB} MB", file=sys.stderr)
        return 1
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
