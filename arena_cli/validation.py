"""`arena validate`: end-to-end checks that the arena measures what it should, through the same jobs as
`arena materialize`.

    arena validate demo    every demo training set x smollm2_135m_demo + the base baseline, then the planted
                           ordering with paired-bootstrap CIs (exit 1 when it is not recovered); with
                           --seeds N every set trains N times, the intervals resample seed runs too and
                           the report gives each seed's ranking and how often the planted order held
    arena validate gsm8k   500 GSM8K train samples x smollm2_135m_gsm8k, 100 test items, against the base

A rerun reuses every finished run and result (nothing trains twice) and resumes an interrupted training
from its checkpoint. A JSON report goes to $ARENA_HOME/reports/.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from arena_cli.materialize import materialize
from warehouse.paths import ArenaPaths

DEMO_MEASURES = [("demo_math_bench", "exact_match"), ("demo_math_bench_final", "final_greedy"),
                 ("demo_math_bench_final", "final_logprob"), ("demo_math_bench_ll", "gold_logprob")]


def _print_table(rows: list[dict]) -> None:
    print("| better | worse | metric | better | worse | gap | 95% CI | n | recovered |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['better']} | {r['worse']} | {r['metric']} | {r['better_mean']:.3f} | {r['worse_mean']:.3f} | "
              f"{r['gap']:+.3f} | [{r['ci95'][0]:+.3f}, {r['ci95'][1]:+.3f}] | {r['n_items']} | "
              f"{'yes' if r['recovered'] else 'no'} |")


def _report(paths: ArenaPaths, name: str, payload: dict) -> Path:
    out = paths.home / "reports" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, indent=1, default=str))
    return out


def seed_rankings(paths: ArenaPaths, protocol: str, dataset_ids: list[str], seeds: int,
                  measure: tuple[str, str]) -> list[dict]:
    """Each seed replica's ranking of the datasets on one (benchmark, metric): mean item score, rank."""
    from training.evaluation.dataset_gaps import run_item_scores
    from training.protocols import seed_keys

    out = []
    for replica, key in enumerate(seed_keys(protocol, seeds), start=1):
        means = {}
        for ds in dataset_ids:
            scores = run_item_scores(paths, ds, key, *measure)
            means[ds] = sum(scores.values()) / len(scores) if scores else float("nan")
        ordered = sorted(dataset_ids, key=lambda d: -means[d])
        out += [{"seed": replica, "protocol": key, "dataset_id": d, "score": means[d], "rank": ordered.index(d) + 1}
                for d in dataset_ids]
    return out


def planted_stability(rankings: list[dict], pairs: list[tuple[str, str]]) -> list[dict]:
    """For each planted (better, worse) pair: in how many seeds the better set scored higher."""
    by_seed: dict[int, dict[str, float]] = {}
    for r in rankings:
        by_seed.setdefault(r["seed"], {})[r["dataset_id"]] = r["score"]
    return [{"better": a, "worse": b, "seeds": len(by_seed),
             "seeds_held": sum(s[a] > s[b] for s in by_seed.values())} for a, b in pairs]


def validate_demo(protocol: str, workers: int, seeds: int = 1) -> int:
    from demo.arena import PRIMARY_MEASURE, ground_truth
    from ingest.catalog import load_catalog
    from training.evaluation.dataset_gaps import dataset_gaps

    start = time.time()
    if materialize(["demo"], None, workers, build_warehouse=seeds > 1, train_protocol=protocol, seeds=seeds) != 0:
        return 1
    paths = ArenaPaths.from_env()
    train_ids = [e.id for e in load_catalog("demo").datasets if e.role == "train"]
    truth = ground_truth()
    pairs = [tuple(p) for p in truth["better_than"]]
    planted = dataset_gaps(paths, protocol, pairs, DEMO_MEASURES, seeds=seeds)
    vs_base = dataset_gaps(paths, protocol, [(ds, "__base__") for ds in train_ids], DEMO_MEASURES, seeds=seeds)
    print(f"\nplanted orderings ({protocol}, {seeds} seed(s), benchmark {truth['benchmark']}):")
    _print_table(planted)
    print("\neach dataset against the untuned base:")
    _print_table(vs_base)
    rankings = seed_rankings(paths, protocol, train_ids, seeds, PRIMARY_MEASURE)
    stability = planted_stability(rankings, pairs)
    if seeds > 1:
        print(f"\nrank per seed on {PRIMARY_MEASURE[0]} {PRIMARY_MEASURE[1]}:")
        for ds in train_ids:
            ranks = [r["rank"] for r in rankings if r["dataset_id"] == ds]
            print(f"  {ds}: ranks {ranks}")
        for s in stability:
            print(f"  {s['better']} above {s['worse']} in {s['seeds_held']} of {s['seeds']} seeds")
    total = time.time() - start
    report = _report(paths, "demo_validation", {"protocol": protocol, "seeds": seeds, "planted": planted,
                                                "vs_base": vs_base, "seed_rankings": rankings,
                                                "planted_stability": stability, "total_s": total})
    print(f"\nwall time {total:.0f} s; report: {report}")
    primary = [r for r in planted if (r["benchmark"], r["metric"]) == PRIMARY_MEASURE]
    recovered = len(primary) == len(truth["better_than"]) and all(r["recovered"] for r in primary)
    print(f"planted ordering recovered on {PRIMARY_MEASURE[0]} {PRIMARY_MEASURE[1]} (95% CI above 0): "
          f"{'yes' if recovered else 'NO'}")
    return 0 if recovered else 1


def validate_gsm8k(protocol: str, workers: int) -> int:
    from training.evaluation.dataset_gaps import dataset_gaps

    start = time.time()
    if materialize(["local"], ["gsm8k_train", "gsm8k_test"], workers, build_warehouse=False,
                   train_protocol=protocol) != 0:
        return 1
    paths = ArenaPaths.from_env()
    rows = dataset_gaps(paths, protocol, [("gsm8k_train", "__base__")],
                        [("gsm8k_test", "exact_match"), ("gsm8k_test", "strict_match")])
    print(f"\nGSM8K ({protocol}): fine-tuned on the train samples vs the untuned base, test items")
    _print_table(rows)
    total = time.time() - start
    report = _report(paths, "gsm8k_real_run", {"protocol": protocol, "comparison": rows, "total_s": total})
    print(f"\nwall time {total:.0f} s; report: {report}")
    return 0


VALIDATIONS = {"demo": (validate_demo, "smollm2_135m_demo"), "gsm8k": (validate_gsm8k, "smollm2_135m_gsm8k")}


def validate(which: str, protocol: str | None, workers: int, seeds: int = 1) -> int:
    run, default_protocol = VALIDATIONS[which]
    if which == "demo":
        return run(protocol or default_protocol, workers, seeds)
    if seeds != 1:
        print(f"validate {which} runs one seed; --seeds applies to the demo validation")
        return 2
    return run(protocol or default_protocol, workers)
