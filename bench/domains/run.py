"""Domain classification on the local catalog: held-out accuracy against the keyword baseline, the
model the arena ships, and the time to classify every sample on this machine's CPU.

    python -m bench.domains [--home DIR] [--per-source 300] [--ship] [--cover] [--out bench/domains]

1. Ingests every dataset of the `local` catalog (../shared/data) into the bench's ARENA_HOME.
2. Draws up to `--per-source` samples of each labelled source (its declared domain names a class),
   embeds them with MiniLM, and holds out each source family in turn: the logistic regression is
   fitted on the other families, then it and the keyword baseline classify every held-out sample.
   Accuracy and macro-F1 over all held-out samples, and per source, land in RESULTS.md.
3. `--ship`: fits on all labelled samples and writes scoring/domains/domain_model.json, the held-out
   scores in its provenance.
4. `--cover`: classifies every sample of every local dataset into lake table `sample_domains` (what
   the `sample_domains` asset does per partition), smallest dataset first, timing each; the
   per-dataset mix beside the declared domain and the throughput go in RESULTS.md and cover.json.
   An interrupted run keeps what it finished: a rerun with `--cover` resumes, one without reports it.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def ingest_local(paths, entries) -> dict[str, float]:
    from ingest.pipeline import IngestError, normalize_dataset, read_dataset
    from warehouse import lake

    seconds = {}
    for e in entries:
        if lake.has_partition(paths, "samples", e.id):
            continue
        t0 = time.perf_counter()
        try:
            read_dataset(e, paths, progress=False)
            normalize_dataset(e, paths, progress=False)
        except IngestError as exc:
            print(f"skipped {e.id}: {exc}")
            continue
        seconds[e.id] = round(time.perf_counter() - t0, 2)
    return seconds


def evaluate(paths, declared: dict[str, str], per_source: int, cache: Path):
    from scoring.domains import model as domain_model
    from scoring.domains.evaluation import leave_one_family_out
    from scoring.domains.keywords import keyword_domains
    from scoring.domains.runner import LabelledSet, labelled_set

    t0 = time.perf_counter()
    if cache.exists():
        z = np.load(cache, allow_pickle=False)
        data = LabelledSet(z["embeddings"], z["texts"].tolist(), z["labels"].tolist(), z["sources"].tolist())
        embed_s = float(z["embed_seconds"])
    else:
        data = labelled_set(paths, declared, per_source)
        embed_s = time.perf_counter() - t0
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, embeddings=data.embeddings, texts=np.array(data.texts), labels=np.array(data.labels),
                 sources=np.array(data.sources), embed_seconds=embed_s)
    t1 = time.perf_counter()
    held = leave_one_family_out(data.features, data.labels, data.sources, data.families, data.texts,
                                domain_model.fit, keyword_domains)
    summary = held.summary()
    summary["seconds"] = {"embed_labelled": round(embed_s, 1), "leave_one_family_out": round(time.perf_counter() - t1, 1)}
    return data, summary


def cover(paths, entries, model, out: Path) -> dict:
    from scoring.domains.runner import classify_partition
    from warehouse import lake

    done_file = out / "cover.json"
    done = json.loads(done_file.read_text()) if done_file.exists() else {}
    sizes = {e.id: lake.read_partition(paths, "samples", e.id, columns=["record_index"]).num_rows
             for e in entries if lake.has_partition(paths, "samples", e.id)}
    # smallest first: an interrupted run has classified as many datasets as its time allowed
    for e in sorted(entries, key=lambda e: sizes.get(e.id, 0)):
        if e.id in done or not lake.has_partition(paths, "samples", e.id):
            continue
        r = classify_partition(paths, e.id, model)
        done[e.id] = {"declared": e.domain, "samples": r.samples, "seconds": round(r.seconds, 2), "mix": r.mix}
        done_file.write_text(json.dumps(done, indent=1))
        print(f"{e.id}: {r.samples} samples in {r.seconds:.1f}s", flush=True)
    return done


def machine() -> str:
    import torch

    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} logical CPUs (shared), "
            f"torch {torch.__version__} threads {torch.get_num_threads()}, CUDA {'yes' if torch.cuda.is_available() else 'no'}")


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def report(summary: dict, covered: dict, total_samples: int, total_datasets: int, out: Path, per_source: int,
           command: str) -> str:
    from scoring.domains.labels import domain_class

    c, b = summary["classifier"], summary["keyword_baseline"]
    lines = [
        "# Domain classification: held-out sources, keyword baseline, coverage of the local catalog", "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}.",
        f"Command: `{command}` (a coverage run resumes where an earlier one stopped: the table below "
        "gathers every run's timings).", "",
        "## Held out by source family", "",
        f"{summary['samples']} labelled samples (up to {per_source} per source) from {summary['sources']} sources in "
        f"{summary['families']} families; each family held out once, the classifier fitted on the others.", "",
        "| | accuracy | macro-F1 | source-balanced accuracy |", "|---|---|---|---|",
        f"| MiniLM + logistic regression | {_pct(c['accuracy'])} | {c['macro_f1']:.3f} | {_pct(c['source_balanced_accuracy'])} |",
        f"| keyword baseline | {_pct(b['accuracy'])} | {b['macro_f1']:.3f} | {_pct(b['source_balanced_accuracy'])} |", "",
        f"Embedding the labelled samples took {summary['seconds']['embed_labelled']} s; the "
        f"{summary['families']} fits and predictions {summary['seconds']['leave_one_family_out']} s.", "",
        "Per held-out source (label = its declared domain as a class):", "",
        "| source | family | label | n | classifier | keywords |", "|---|---|---|---|---|---|"]
    for s, v in summary["by_source"].items():
        lines.append(f"| {s} | {v['family']} | {v['label']} | {v['n']} | {_pct(v['accuracy'])} | {_pct(v['baseline_accuracy'])} |")
    lines += ["", "Confusion of the classifier (rows: label, columns: predicted):", ""]
    conf = summary["confusion"]
    cols = sorted({p for row in conf.values() for p in row})
    lines += ["| label | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    lines += [f"| {t} | " + " | ".join(str(row.get(p, 0)) for p in cols) + " |" for t, row in conf.items()]
    if covered:
        n = sum(v["samples"] for v in covered.values())
        secs = sum(v["seconds"] for v in covered.values())
        lines += ["", "## Every sample of the local catalog", "",
                  f"{n} of {total_samples} samples in {len(covered)} of {total_datasets} datasets classified in {secs:.0f} s "
                  f"({n / secs:.1f} samples/s: MiniLM embedding on CPU is nearly all of it), so the whole local "
                  f"catalog takes about {total_samples / (n / secs) / 60:.0f} minutes on this machine.", "",
                  "| dataset | declared | samples | s | measured mix | top | mismatch |", "|---|---|---|---|---|---|---|"]
        for ds, v in covered.items():
            top = max(v["mix"], key=v["mix"].get) if v["mix"] else ""
            cls = domain_class(v["declared"])
            flag = "" if cls is None else ("**yes**" if top != cls else "no")
            mix = ", ".join(f"{d} {_pct(s)}" for d, s in sorted(v["mix"].items(), key=lambda kv: -kv[1]) if s >= 0.02)
            lines.append(f"| {ds} | {v['declared']} | {v['samples']} | {v['seconds']} | {mix} | {top} | {flag} |")
    text = "\n".join(lines) + "\n"
    (out / "RESULTS.md").write_text(text)
    (out / "RESULTS.json").write_text(json.dumps({"held_out": summary, "cover": covered}, indent=1))
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", default="/tmp/arena-bench-domains")
    ap.add_argument("--per-source", type=int, default=300)
    ap.add_argument("--ship", action="store_true", help="write scoring/domains/domain_model.json")
    ap.add_argument("--cover", action="store_true", help="classify every sample of the local catalog")
    ap.add_argument("--out", default=str(ROOT / "bench" / "domains"))
    args = ap.parse_args(argv)
    os.environ["ARENA_HOME"] = str(Path(args.home).resolve())

    from ingest.catalog import load_catalog
    from scoring.domains.runner import KEYWORD_WEIGHT, SHIPPED_MODEL, load_model, train
    from warehouse import lake
    from warehouse.paths import ArenaPaths

    paths = ArenaPaths.from_env()
    out = Path(args.out)
    entries = load_catalog("local").datasets
    print(f"ingest: {ingest_local(paths, entries)}", flush=True)
    declared = {e.id: e.domain for e in entries}
    data, summary = evaluate(paths, declared, args.per_source, paths.cache / "domains" / f"labelled_{args.per_source}.npz")
    summary["features"] = f"MiniLM embedding + {KEYWORD_WEIGHT} x log(1 + keyword hits)"
    print(json.dumps({k: summary[k] for k in ("classifier", "keyword_baseline", "seconds")}, indent=1), flush=True)
    if args.ship:
        held = {k: summary[k] for k in ("samples", "sources", "families", "classifier", "keyword_baseline")}
        held["per_source_cap"] = args.per_source
        train(data, held_out=held).save(SHIPPED_MODEL)
        print(f"wrote {SHIPPED_MODEL}")
    total = sum(lake.read_partition(paths, "samples", e.id, columns=["record_index"]).num_rows
                for e in entries if lake.has_partition(paths, "samples", e.id))
    done_file = out / "cover.json"
    covered = (cover(paths, entries, load_model(paths), out) if args.cover
               else json.loads(done_file.read_text()) if done_file.exists() else {})
    n_datasets = sum(lake.has_partition(paths, "samples", e.id) for e in entries)
    command = " ".join(["python -m bench.domains", *(sys.argv[1:] if argv is None else argv)])
    print(report(summary, covered, total, n_datasets, out, args.per_source, command))
    return 0
