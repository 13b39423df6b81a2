"""Benchmark of the lineage scans: content overlap (MinHash LSH) and benchmark contamination.

Measures, each in a fresh subprocess (so peak memory is the scan's own): wall time, samples per second
and peak resident memory of
1. both scans on all of ../shared/data (every training/seed set against every benchmark; ingested
   through main's pipeline, cached);
2. both scans on generated sets of growing size up to 1M samples (planted derivations for overlap;
   the real benchmark index for contamination, with planted verbatim leaks whose recall is reported);
3. named baselines on small sizes in the same run: naive all-pairs exact shingle-set Jaccard (overlap)
   and naive per-(sample, item) 13-gram set intersection (contamination);
4. contamination precision and recall on all of ../shared/data: 200 leaks of each kind (verbatim,
   number-swapped, paraphrased, and a reworded prompt with the benchmark's reference solution verbatim)
   planted among every real training set, scanned against every real benchmark.
The growth exponent is the slope of log(time) over log(size) (1.0 = linear).

    python bench/lineage/bench_scans.py                 # full run (about 10-15 minutes on 2 cores)
    python bench/lineage/bench_scans.py --max-size 100000 --out /tmp/quick.md
    python bench/lineage/bench_scans.py --sections precision   # re-measure one section; the others
                                                               # are kept from RESULTS.json with their dates
"""
from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "lineage")]

VOCAB_SIZE = 20_000
SECTIONS = ("shared", "generated", "baselines", "precision")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- generated data ---------------------------------------------------------------------------------
def generated(n: int, seed: int = 0):
    """~n samples in 6 datasets with planted derivations (base, other, subset, regenerated, mixture,
    reformatted) as a pyarrow table plus dataset metadata. Texts are random words from a 20k vocabulary
    (Zipf-like frequencies), instructions 12-30 words, responses 20-60 words."""
    import numpy as np
    import pyarrow as pa

    from lineage.overlap import DatasetMeta

    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(VOCAB_SIZE)], dtype=object)
    probs = 1.0 / np.arange(1, VOCAB_SIZE + 1) ** 0.8
    probs /= probs.sum()

    def texts(k, lo, hi):
        lengths = rng.integers(lo, hi + 1, k)
        words = vocab[rng.choice(VOCAB_SIZE, int(lengths.sum()), p=probs)]
        ends = np.cumsum(lengths)
        return [" ".join(words[e - l:e]) for e, l in zip(ends, lengths)]

    q = n // 7
    base_i, base_r = texts(2 * q, 12, 30), texts(2 * q, 20, 60)
    other_i, other_r = texts(2 * q, 12, 30), texts(2 * q, 20, 60)
    pick = rng.permutation(2 * q)
    sets = {
        "gen_base": (base_i, base_r),
        "gen_other": (other_i, other_r),
        "gen_subset": ([base_i[j] for j in pick[:q]], [base_r[j] for j in pick[:q]]),
        "gen_regenerated": ([base_i[j] for j in pick[q:2 * q]], texts(q, 20, 60)),
        # the mixture's base part lies outside the subset, so only the base itself can explain it
        "gen_mixture": ([base_i[j] for j in pick[q: q + q // 2]] + other_i[: q // 2],
                        [base_r[j] for j in pick[q: q + q // 2]] + other_r[: q // 2]),
    }
    dates = {"gen_base": "2023-01", "gen_other": "2023-02", "gen_subset": "2023-05", "gen_regenerated": "2023-06",
             "gen_mixture": "2023-07"}
    ds, sid, ins, res = [], [], [], []
    for name, (i_, r_) in sets.items():
        ds += [name] * len(i_)
        sid += [f"{name}-{k}" for k in range(len(i_))]
        ins += i_
        res += r_
    table = pa.table({"dataset_id": ds, "sample_id": sid, "instruction_text": ins, "response_text": res})
    return table, [DatasetMeta(k, "train", v) for k, v in dates.items()]


# --- measured jobs (run in subprocesses) ---------------------------------------------------------------
def job_overlap_shared(_):
    import shared_arena as A
    from lineage.overlap import MinHasher, find_derivations

    table = A.samples()
    meta = A.meta()
    t0 = time.perf_counter()
    sigs = MinHasher().signatures(table)
    t1 = time.perf_counter()
    result = find_derivations(sigs, meta)
    t2 = time.perf_counter()
    edges = [f"{e.source_id} -> {e.target_id} ({e.relationship}, conf {e.confidence:.2f}, {e.oriented_by}; "
             f"target in source {e.ov_target_in_source:.2f}, prompt-only {e.ov_target_prompt_only:.2f}, "
             f"response-only {e.ov_target_response_only:.2f})" for e in sorted(result.edges, key=lambda e: (e.source_id, e.target_id))]
    return {"samples": table.num_rows, "datasets": len(set(table.column("dataset_id").to_pylist())),
            "signatures_s": t1 - t0, "match_s": t2 - t1, "seconds": t2 - t0, "peak_mb": _peak_mb(), "edges": edges,
            "dropped": [f"{e.source_id} -> {e.target_id} ({e.relationship}): {why}" for e, why in result.dropped]}


def job_contamination_shared(_):
    import shared_arena as A
    from lineage.contamination import BenchmarkIndex, contamination_matrix
    from warehouse.tables import CONTAMINATION_MATCHES

    bench = A.samples(role="benchmark")
    train = A.samples(role="train")
    t0 = time.perf_counter()
    index = BenchmarkIndex.build(bench)
    t1 = time.perf_counter()
    batches = list(index.scan(train))
    t2 = time.perf_counter()
    matches = CONTAMINATION_MATCHES.from_batches(batches)
    sizes = {}
    for d in train.column("dataset_id").to_pylist():
        sizes[d] = sizes.get(d, 0) + 1
    matrix = contamination_matrix(matches, sizes, index)
    hits = [f"{r['dataset_id']} x {r['benchmark_id']}: {r['n_contaminated']} samples ({r['share']:.2%}; "
            f"verbatim {r['n_verbatim']}, number-swap {r['n_number_swap']}, paraphrase {r['n_paraphrase']}, "
            f"solution {r['n_solution']}; {r['n_items_leaked']} items)"
            for r in matrix.to_pylist() if r["n_contaminated"]]
    return {"train_samples": train.num_rows, "benchmark_items": len(index), "benchmarks": len(index.benchmark_ids),
            "index_s": t1 - t0, "scan_s": t2 - t1, "seconds": t2 - t1, "peak_mb": _peak_mb(), "hits": hits}


def job_overlap_generated(n):
    from lineage.overlap import MinHasher, find_derivations

    table, meta = generated(n)
    t0 = time.perf_counter()
    sigs = MinHasher().signatures(table)
    t1 = time.perf_counter()
    result = find_derivations(sigs, meta)
    t2 = time.perf_counter()
    found = {(e.source_id, e.target_id): e.relationship for e in result.edges}
    expected = {("gen_base", "gen_subset"): "subset", ("gen_base", "gen_regenerated"): "response_regeneration",
                ("gen_base", "gen_mixture"): "mixture", ("gen_other", "gen_mixture"): "mixture"}
    return {"size": table.num_rows, "signatures_s": t1 - t0, "match_s": t2 - t1, "seconds": t2 - t0,
            "peak_mb": _peak_mb(), "planted_recovered": sum(found.get(k) == v for k, v in expected.items()),
            "planted": len(expected), "extra_edges": sorted(f"{a}->{b}" for a, b in set(found) - set(expected))}


def job_contamination_generated(n):
    import pyarrow as pa

    import shared_arena as A
    from lineage.contamination import BenchmarkIndex
    from warehouse.tables import CONTAMINATION_MATCHES

    bench = A.samples(role="benchmark")
    index = BenchmarkIndex.build(bench)
    table, _ = generated(n)
    items = [r for r in bench.slice(0, 50_000).to_pylist() if len(r["instruction_text"].split()) >= 15][::50][:1000]
    plant = pa.table({"dataset_id": ["gen_leaky"] * len(items), "sample_id": [f"leak-{i}" for i in range(len(items))],
                      "instruction_text": [f"Question: {r['instruction_text']}" for r in items],
                      "response_text": ["See above."] * len(items)})
    table = pa.concat_tables([table, plant])
    t0 = time.perf_counter()
    batches = list(index.scan(table))
    t1 = time.perf_counter()
    matches = CONTAMINATION_MATCHES.from_batches(batches)
    flagged = set(matches.column("sample_id").to_pylist())
    return {"size": table.num_rows, "seconds": t1 - t0, "peak_mb": _peak_mb(),
            "planted_recall": sum(f"leak-{i}" in flagged for i in range(len(items))) / max(len(items), 1),
            "false_flags": len([s for s in flagged if not s.startswith("leak-")])}


def job_precision_recall_shared(_):
    """Planted leaks of four kinds among all real training sets, against all real benchmarks.

    Precision counts every flagged sample that was not planted as a false positive, the real sets'
    genuine overlaps (e.g. ARC train questions in ARC test) included, so it is a lower bound."""
    import random
    import re

    import pyarrow as pa

    import shared_arena as A
    from leak_planting import plant
    from lineage.contamination import BenchmarkIndex, ContaminationConfig

    bench = A.samples(role="benchmark").to_pylist()
    train = A.samples(role="train").to_pylist()
    rng = random.Random(11)
    long_items = [r for r in bench if len(re.findall(r"[A-Za-z]+", r["instruction_text"])) >= 10]
    with_numbers = [r for r in long_items if re.search(r"\d", r["instruction_text"])]
    with_solution = [r for r in bench if len(re.findall(r"[A-Za-z]{2,}", r["response_text"] or "")) >= 15]
    for pool in (long_items, with_numbers, with_solution):
        rng.shuffle(pool)
    planted = {"verbatim": plant(train, long_items[:200], "verbatim", rng, "planted"),
               "number_swap": plant(train, with_numbers[:200], "number_swap", rng, "planted"),
               "paraphrase": plant(train, long_items[200:400], "paraphrase", rng, "planted"),
               "solution": plant(train, with_solution[:200], "solution", rng, "planted")}
    rows = train + [r for v in planted.values() for r in v]
    out = measure_planted(BenchmarkIndex.build(bench), rows, planted, train)
    # baseline in the same run: the index without reference solutions (the scan before they were indexed)
    out["without_solutions"] = measure_planted(BenchmarkIndex.build(bench, ContaminationConfig(check_solutions=False)),
                                               rows, planted, train)
    return out


def measure_planted(index, rows, planted, train) -> dict:
    from warehouse.tables import CONTAMINATION_MATCHES

    t0 = time.perf_counter()
    batches = list(index.scan(rows))
    seconds = time.perf_counter() - t0
    matches = CONTAMINATION_MATCHES.from_batches(batches)
    kinds: dict[str, set[str]] = {}
    for r in matches.to_pylist():
        kinds.setdefault(r["sample_id"], set()).add(r["match_kind"])
    planted_ids = {r["sample_id"] for v in planted.values() for r in v}
    clean_flagged = {s: k for s, k in kinds.items() if s not in planted_ids}
    out = {"train_samples": len(train), "benchmark_items": len(index), "seconds": seconds, "per_kind": {}}
    for kind, leaks in planted.items():
        found = sum(r["sample_id"] in kinds for r in leaks)
        out["per_kind"][kind] = {"planted": len(leaks), "found": found, "recall": found / len(leaks)}
    found_all = sum(v["found"] for v in out["per_kind"].values())
    out["clean_flagged"] = len(clean_flagged)
    out["precision"] = found_all / (found_all + len(clean_flagged))
    # the solution signal alone: planted solution copies it finds vs clean samples only it flags
    sol_fp = [s for s, k in clean_flagged.items() if k == {"solution"}]
    sol_tp = sum(kinds.get(r["sample_id"]) == {"solution"} for r in planted["solution"])
    out["solution_signal"] = {"found": sol_tp, "clean_flagged_only_by_it": len(sol_fp),
                              "precision": sol_tp / max(sol_tp + len(sol_fp), 1),
                              "clean_examples": sorted(sol_fp)[:10]}
    return out


def job_allpairs_baseline(n):
    """Naive all-pairs: exact word-3-gram Jaccard between every cross-dataset pair of instructions."""
    from lineage.text import tokenize

    table, _ = generated(n)
    ds = table.column("dataset_id").to_pylist()
    sets = []
    for t in table.column("instruction_text").to_pylist():
        toks = tokenize(t)
        sets.append({tuple(toks[i:i + 3]) for i in range(len(toks) - 2)})
    t0 = time.perf_counter()
    matched = 0
    for i in range(len(sets)):
        si = sets[i]
        for j in range(i + 1, len(sets)):
            if ds[i] != ds[j]:
                sj = sets[j]
                inter = len(si & sj)
                if inter and inter / (len(si) + len(sj) - inter) >= 0.7:
                    matched += 1
    t1 = time.perf_counter()
    return {"size": len(sets), "seconds": t1 - t0, "peak_mb": _peak_mb(), "matched_pairs": matched}


def job_naive_contamination_baseline(n):
    """Naive: every training sample's 13-gram set intersected with every benchmark item's."""
    import shared_arena as A
    from lineage.text import tokenize

    bench = A.samples(role="benchmark").column("instruction_text").to_pylist()
    item_sets = []
    for t in bench:
        toks = tokenize(t, mask_numbers=True)
        k = min(13, len(toks))
        item_sets.append({tuple(toks[i:i + k]) for i in range(len(toks) - k + 1)} if k >= 5 else set())
    table, _ = generated(n)
    t0 = time.perf_counter()
    hits = 0
    for t in table.column("instruction_text").to_pylist():
        toks = tokenize(t, mask_numbers=True)
        grams = {}
        for item in item_sets:
            if not item:
                continue
            k = len(next(iter(item)))
            g = grams.get(k)
            if g is None:
                g = grams[k] = {tuple(toks[i:i + k]) for i in range(len(toks) - k + 1)}
            if len(item & g) * 2 >= len(item):
                hits += 1
    t1 = time.perf_counter()
    return {"size": table.num_rows, "seconds": t1 - t0, "peak_mb": _peak_mb(), "items": len(item_sets), "hits": hits}


def _timed(job, arg):
    """Run a job in this (child) process and add its CPU seconds (user+system of this process only):
    on a shared machine wall time includes waiting for other people's work, CPU time does not."""
    import os
    c0 = os.times()
    out = job(arg)
    c1 = os.times()
    out["cpu_s"] = (c1.user - c0.user) + (c1.system - c0.system)
    out["load_avg_1m"] = os.getloadavg()[0]
    return out


def run(job, arg):
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(_timed, (job, arg))


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) over log(size)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(s, 1e-6)) for _, s in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 30_000, 100_000, 300_000, 1_000_000])
    ap.add_argument("--max-size", type=int, default=None)
    ap.add_argument("--baseline-sizes", type=int, nargs="*", default=[500, 1000, 2000])
    ap.add_argument("--out", default=str(Path(__file__).with_name("RESULTS.md")))
    ap.add_argument("--sections", nargs="*", default=list(SECTIONS), choices=SECTIONS)
    args = ap.parse_args(argv)
    sizes = [s for s in args.sizes if args.max_size is None or s <= args.max_size]
    import shared_arena as A
    A.ingest_all()   # warm the ingest cache outside the timed jobs

    sections = set(args.sections)
    out_json = Path(args.out).with_suffix(".json")
    # sections not re-measured keep their figures from the previous run (with that run's date)
    out = json.loads(out_json.read_text()) if out_json.exists() and sections != set(SECTIONS) else {}
    today = time.strftime("%Y-%m-%d")
    out["machine"] = f"{platform.processor() or platform.machine()}, {mp.cpu_count()} cores, Python {platform.python_version()}"
    out.setdefault("dates", {})
    if "shared" in sections:
        print("shared data: overlap ...", flush=True)
        out["overlap_shared"] = run(job_overlap_shared, None)
        print("shared data: contamination ...", flush=True)
        out["contamination_shared"] = run(job_contamination_shared, None)
    if "generated" in sections:
        out["overlap_generated"], out["contamination_generated"] = [], []
        for n in sizes:
            print(f"generated {n}: overlap ...", flush=True)
            out["overlap_generated"].append(run(job_overlap_generated, n))
            print(f"generated {n}: contamination ...", flush=True)
            out["contamination_generated"].append(run(job_contamination_generated, n))
    if "baselines" in sections:
        out["allpairs_baseline"] = [run(job_allpairs_baseline, n) for n in args.baseline_sizes]
        out["naive_contamination_baseline"] = [run(job_naive_contamination_baseline, n) for n in [100, 200, 400]]
    if "precision" in sections:
        print("shared data: contamination precision/recall ...", flush=True)
        out["precision_shared"] = run(job_precision_recall_shared, None)
    for sec in sections:
        out["dates"][sec] = today
    out_json.write_text(json.dumps(out, indent=1))
    Path(args.out).write_text(report(out))
    print(report(out))


def report(out: dict) -> str:
    o, c = out["overlap_shared"], out["contamination_shared"]
    lines = [f"# Lineage scan benchmark\n", f"Machine: {out['machine']}. Every figure is measured by "
             f"`bench/lineage/bench_scans.py`, each section in one run, each scan in its own subprocess (peak RSS is its own).\n",
             "## All of ../shared/data\n",
             "| scan | samples | wall s | samples/s (wall) | job CPU s | peak RSS MB |", "|---|---|---|---|---|---|",
             f"| overlap (MinHash LSH, {o['datasets']} datasets) | {o['samples']} | {o['seconds']:.1f} "
             f"(signatures {o['signatures_s']:.1f}, matching {o['match_s']:.1f}) | {o['samples'] / o['seconds']:.0f} | "
             f"{o['cpu_s']:.1f} | {o['peak_mb']:.0f} |",
             f"| contamination ({c['benchmark_items']} items of {c['benchmarks']} benchmarks; index {c['index_s']:.1f}s) | "
             f"{c['train_samples']} | {c['scan_s']:.1f} | {c['train_samples'] / c['scan_s']:.0f} | {c['cpu_s']:.1f} | {c['peak_mb']:.0f} |",
             "", "Job CPU seconds include loading the samples from the lake and building the index.",
             "", f"Overlap edges ({len(o['edges'])}):", ""] + [f"- {e}" for e in o["edges"]] + \
            ["", f"Pruned as explained by other edges ({len(o['dropped'])}):", ""] + [f"- {e}" for e in o["dropped"]] + \
            ["", f"Contaminated dataset x benchmark cells ({len(c['hits'])}):", ""] + [f"- {h}" for h in c["hits"]]
    dates = out.get("dates", {})
    if dates:
        undated = [k for k in SECTIONS if k not in dates]
        lines[1:1] = ["Sections measured on: " + ", ".join(f"{k} {v}" for k, v in sorted(dates.items()))
                      + (f"; {', '.join(undated)}: an earlier run (before the date was recorded)" if undated else "")
                      + ".\n"]
    p = out.get("precision_shared")
    if p:
        lines += ["", "## Contamination precision and recall on real data\n",
                  f"200 leaks of each kind planted among all {p['train_samples']} real training samples, scanned "
                  f"against all {p['benchmark_items']} real benchmark items ({p['seconds']:.1f} s wall). Precision counts "
                  "every flagged real sample as a false positive, genuine overlaps included (a lower bound).", "",
                  "| planted kind | planted | found | recall |", "|---|---:|---:|---:|"]
        names = {"verbatim": "verbatim item in a prompt template", "number_swap": "numbers swapped",
                 "paraphrase": "light paraphrase", "solution": "reworded prompt, verbatim reference solution"}
        base = p.get("without_solutions")
        lines[-2:] = ["| planted kind | planted | found | recall | recall without solutions indexed (baseline) |",
                      "|---|---:|---:|---:|---:|"]
        for kind, v in p["per_kind"].items():
            b = f"{base['per_kind'][kind]['recall']:.3f}" if base else "-"
            lines.append(f"| {names.get(kind, kind)} | {v['planted']} | {v['found']} | {v['recall']:.3f} | {b} |")
        if base:
            lines += ["", f"Baseline (same run, reference solutions not indexed): {base['clean_flagged']} real samples "
                      f"flagged, precision over all flags {base['precision']:.3f}."]
        sol = p["solution_signal"]
        lines += ["", f"Flagged real (unplanted) samples: {p['clean_flagged']} of {p['train_samples']} "
                  f"({p['clean_flagged'] / p['train_samples']:.2%}); precision over all flags {p['precision']:.3f}.",
                  f"The solution signal alone: {sol['found']} planted solution copies found, {sol['clean_flagged_only_by_it']} "
                  f"real samples flagged by it alone; precision {sol['precision']:.3f}."]
    if "overlap_generated" not in out:
        return "\n".join(lines) + "\n"
    og, cg = out["overlap_generated"], out["contamination_generated"]
    lines += ["", "## Generated sets: growth with size\n",
              "Wall seconds are the scan alone; job CPU seconds cover the whole subprocess (generating the "
              "set, and for contamination building the index, about 5 s). Load average is the machine's "
              "(2 cores shared with other work) when the job ended.", "",
              "| size | overlap wall s | overlap samples/s | overlap job CPU s | overlap peak MB | planted edges found | "
              "contamination wall s | contamination samples/s | contamination job CPU s | contamination peak MB | "
              "planted leak recall | false flags | load avg |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for a, b in zip(og, cg):
        lines.append(f"| {a['size']} | {a['seconds']:.1f} | {a['size'] / a['seconds']:.0f} | {a['cpu_s']:.1f} | "
                     f"{a['peak_mb']:.0f} | {a['planted_recovered']}/{a['planted']} | {b['seconds']:.1f} | "
                     f"{b['size'] / b['seconds']:.0f} | {b['cpu_s']:.1f} | {b['peak_mb']:.0f} | {b['planted_recall']:.3f} | "
                     f"{b['false_flags']} | {a['load_avg_1m']:.1f} / {b['load_avg_1m']:.1f} |")
    if len(og) >= 2:
        lines += ["", "Growth exponents (slope of log time over log size; 1.0 = linear): overlap "
                  f"{exponent([(a['size'], a['seconds']) for a in og]):.2f} on wall time, "
                  f"{exponent([(a['size'], a['cpu_s']) for a in og]):.2f} on CPU time; contamination "
                  f"{exponent([(b['size'], b['seconds']) for b in cg]):.2f} on wall time, "
                  f"{exponent([(b['size'], b['cpu_s'] ) for b in cg]):.2f} on CPU time (its CPU time includes the "
                  "fixed index build, which flattens the small sizes)."]
    ab, nb = out["allpairs_baseline"], out["naive_contamination_baseline"]
    lines += ["", "## Baselines (same run)\n",
              "Naive all-pairs exact 3-gram Jaccard between instructions of different datasets (overlap baseline):", "",
              "| size | seconds | samples/s | job CPU s |", "|---|---|---|---|"] + \
             [f"| {b['size']} | {b['seconds']:.2f} | {b['size'] / b['seconds']:.0f} | {b['cpu_s']:.1f} |" for b in ab] + \
             ["", f"Growth exponent {exponent([(b['size'], b['seconds']) for b in ab]):.2f}; extrapolated to 1M samples: "
              f"{ab[-1]['seconds'] * (1_000_000 / ab[-1]['size']) ** 2 / 86400:.0f} days.", "",
              "Naive per-(sample, item) 13-gram set intersection against every benchmark item (contamination baseline):", "",
              "| samples | items | seconds | samples/s |", "|---|---|---|---|"] + \
             [f"| {b['size']} | {b['items']} | {b['seconds']:.2f} | {b['size'] / b['seconds']:.1f} |" for b in nb] + \
             ["", f"Extrapolated to 1M samples: {nb[-1]['seconds'] * 1_000_000 / nb[-1]['size'] / 3600:.1f} hours."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
