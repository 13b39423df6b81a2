"""Gaps between fine-tunes read from the lake: is training on dataset A better than on dataset B under
one protocol? Each (benchmark, metric) gets a paired bootstrap over the items both runs answered; with
seed replicas (`<protocol>@seed<k>`) each side is the list of its seed runs, so training noise widens
the interval. The untuned base model is trained by no seed: it is one run whatever the seed count."""
from __future__ import annotations

from training.evaluation.compare import item_scores, paired_bootstrap
from training.protocols import seed_keys
from warehouse.paths import ArenaPaths

BASELINES = ("__base__", "__instruct__")


def run_item_scores(paths: ArenaPaths, dataset_id: str, protocol: str, benchmark: str, metric: str) -> dict[str, float]:
    """item id -> score of one (dataset, protocol key) run (`__base__` for the untuned base model)."""
    from training.results import partition_key
    from warehouse.lake import read_partition
    from warehouse.tables import BENCHMARK_PREDICTIONS

    rows = read_partition(paths, BENCHMARK_PREDICTIONS.name, partition_key(dataset_id, protocol)).to_pylist()
    return item_scores(rows, benchmark, metric)


def seed_item_scores(paths: ArenaPaths, dataset_id: str, protocol: str, benchmark: str, metric: str,
                     seeds: int = 1) -> list[dict[str, float]]:
    """item id -> score of each seed run of a dataset (the one baseline run for `__base__`)."""
    keys = [protocol] if dataset_id in BASELINES else seed_keys(protocol, seeds)
    return [run_item_scores(paths, dataset_id, key, benchmark, metric) for key in keys]


def dataset_gaps(paths: ArenaPaths, protocol: str, pairs: list[tuple[str, str]],
                 measures: list[tuple[str, str]], seeds: int = 1) -> list[dict]:
    """Paired bootstrap gap (a - b) with a 95% CI for each (a, b) pair and each (benchmark, metric),
    over `seeds` seed runs of each fine-tuned side."""
    out = []
    for a, b in pairs:
        for bench, metric in measures:
            g = paired_bootstrap(seed_item_scores(paths, a, protocol, bench, metric, seeds),
                                 seed_item_scores(paths, b, protocol, bench, metric, seeds), metric=metric)
            out.append({"better": a, "worse": b, "benchmark": bench, "metric": metric, "better_mean": g.a_mean,
                        "worse_mean": g.b_mean, "gap": g.gap, "ci95": [g.ci_low, g.ci_high], "n_items": g.n_items,
                        "n_seeds": list(g.n_seeds), "p_not_better": g.p_a_not_better, "recovered": g.ci_low > 0})
    return out
