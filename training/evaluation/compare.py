"""Is dataset A better than dataset B? A paired bootstrap over benchmark items (and seeds).

Both runs answered the same items, so the gap is computed per item and resampled by item: the
confidence interval reflects which items the benchmark happened to contain, the dominant source of
noise on a 100-200 item benchmark. With several seeds per dataset, each resample also draws a seed
per dataset, so training noise widens the interval too.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Gap:
    metric: str
    a_mean: float
    b_mean: float
    gap: float            # mean(a) - mean(b)
    ci_low: float
    ci_high: float
    n_items: int
    n_seeds: tuple[int, int]
    p_a_not_better: float  # share of resamples where the gap is <= 0

    @property
    def significant(self) -> bool:
        return self.ci_low > 0 or self.ci_high < 0


def paired_bootstrap(a: dict[str, float] | list[dict[str, float]], b: dict[str, float] | list[dict[str, float]],
                     *, metric: str = "", n_resamples: int = 10_000, confidence: float = 0.95,
                     seed: int = 0) -> Gap:
    """Gap between per-item scores `a` and `b` (item id -> score; a list of such dicts = seeds)."""
    a_runs = a if isinstance(a, list) else [a]
    b_runs = b if isinstance(b, list) else [b]
    items = sorted(set.intersection(*(set(r) for r in a_runs + b_runs)))
    if not items:
        raise ValueError("the runs share no benchmark items")
    A = np.array([[r[i] for i in items] for r in a_runs], dtype=float)   # seeds x items
    B = np.array([[r[i] for i in items] for r in b_runs], dtype=float)
    rng = np.random.default_rng(seed)
    n = len(items)
    idx = rng.integers(0, n, size=(n_resamples, n))
    sa = rng.integers(0, A.shape[0], size=n_resamples)
    sb = rng.integers(0, B.shape[0], size=n_resamples)
    gaps = np.array([A[sa[k], idx[k]].mean() - B[sb[k], idx[k]].mean() for k in range(n_resamples)])
    alpha = (1 - confidence) / 2
    return Gap(metric=metric, a_mean=float(A.mean()), b_mean=float(B.mean()), gap=float(A.mean() - B.mean()),
               ci_low=float(np.quantile(gaps, alpha)), ci_high=float(np.quantile(gaps, 1 - alpha)), n_items=n,
               n_seeds=(A.shape[0], B.shape[0]), p_a_not_better=float((gaps <= 0).mean()))


def item_scores(predictions: list[dict], benchmark: str, metric: str) -> dict[str, float]:
    """item id -> score of one run's prediction rows (from the `benchmark_predictions` table)."""
    import json

    out = {}
    for r in predictions:
        if r["benchmark"] == benchmark:
            value = json.loads(r["metrics_json"]).get(metric)
            if value is not None:
                out[r["item_id"]] = float(value)
    return out
