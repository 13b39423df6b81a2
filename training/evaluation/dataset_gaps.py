"""Gaps between fine-tunes read from the lake: is training on dataset A better than on dataset B under
one protocol? Each (benchmark, metric) gets a paired bootstrap over the items both runs answered."""
from __future__ import annotations

from training.evaluation.compare import item_scores, paired_bootstrap
from warehouse.paths import ArenaPaths


def run_item_scores(paths: ArenaPaths, dataset_id: str, protocol: str, benchmark: str, metric: str) -> dict[str, float]:
    """item id -> score of one (dataset, protocol) run (`__base__` for the untuned base model)."""
    from training.results import partition_key
    from warehouse.lake import read_partition
    from warehouse.tables import BENCHMARK_PREDICTIONS

    rows = read_partition(paths, BENCHMARK_PREDICTIONS.name, partition_key(dataset_id, protocol)).to_pylist()
    return item_scores(rows, benchmark, metric)


def dataset_gaps(paths: ArenaPaths, protocol: str, pairs: list[tuple[str, str]],
                 measures: list[tuple[str, str]]) -> list[dict]:
    """Paired bootstrap gap (a - b) with a 95% CI for each (a, b) pair and each (benchmark, metric)."""
    out = []
    for a, b in pairs:
        for bench, metric in measures:
            g = paired_bootstrap(run_item_scores(paths, a, protocol, bench, metric),
                                 run_item_scores(paths, b, protocol, bench, metric), metric=metric)
            out.append({"better": a, "worse": b, "benchmark": bench, "metric": metric, "better_mean": g.a_mean,
                        "worse_mean": g.b_mean, "gap": g.gap, "ci95": [g.ci_low, g.ci_high], "n_items": g.n_items,
                        "p_not_better": g.p_a_not_better, "recovered": g.ci_low > 0})
    return out
