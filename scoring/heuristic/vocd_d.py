"""vocd-D (Malvern & Richards): the D that best fits the TTR curve of 35..50-word draws.

The original draws 100 random samples at each size n = 35..50 and averages their TTR, then fits
TTR(n) = (D / n) * (sqrt(1 + 2n / D) - 1) by least squares. Here the random averages are replaced by
their exact expectations (the hypergeometric formula of HD-D), which is what the Monte-Carlo estimates
converge to, so the score is deterministic and needs no random seed. The one-parameter fit is done
for a whole batch at once: a log-spaced grid over D, then golden-section refinement in the best cell.
Texts under 50 words have no vocd-D (NaN); a fit pinned at the grid's top (a text with almost no
repetition) is reported as NaN rather than as an arbitrary large number.
"""
from __future__ import annotations

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import heuristic_spec
from scoring.heuristic.hypergeometric import expected_types_batch
from scoring.registry import register

DRAWS = np.arange(35, 51)
D_MIN, D_MAX = 0.5, 10_000.0
GRID = np.geomspace(D_MIN, D_MAX, 241)


def ttr_model(d: np.ndarray, n: np.ndarray) -> np.ndarray:
    return (d / n) * (np.sqrt(1.0 + 2.0 * n / d) - 1.0)


def fit_d(observed: np.ndarray) -> np.ndarray:
    """Least-squares D for each row of `observed` (rows: texts, columns: TTR at DRAWS)."""
    if observed.size == 0:
        return np.zeros(0)
    n = DRAWS.astype(np.float64)
    model = ttr_model(GRID[:, None], n[None, :])                      # (grid, draws)
    # (texts, grid) squared errors as |o|^2 - 2 o.m + |m|^2: one matrix product instead of a
    # (texts, grid, draws) array; only the best cell is kept, and the refinement below recomputes
    # the exact costs inside it
    sse = (observed ** 2).sum(-1)[:, None] - 2.0 * observed @ model.T + (model ** 2).sum(-1)[None, :]
    best = sse.argmin(axis=1)
    lo = GRID[np.maximum(best - 1, 0)]
    hi = GRID[np.minimum(best + 1, len(GRID) - 1)]
    ratio = (np.sqrt(5.0) - 1.0) / 2.0

    def cost(d):
        return ((observed - ttr_model(d[:, None], n[None, :])) ** 2).sum(-1)

    a, b = np.log(lo), np.log(hi)
    for _ in range(40):
        c = b - ratio * (b - a)
        e = a + ratio * (b - a)
        left = cost(np.exp(c)) < cost(np.exp(e))
        b = np.where(left, e, b)
        a = np.where(left, a, c)
    d = np.exp((a + b) / 2.0)
    d[best == len(GRID) - 1] = np.nan
    return d


@register
class VocdD(PointwiseScorer):
    spec = heuristic_spec("vocd_d", "vocd-D fitted to exact expected TTRs of 35..50-word draws.", [
        Dimension("vocd_d", "lexical diversity parameter D; NaN under 50 words", True, (0, float("inf"))),
    ])

    def score(self, batch, stats):
        runs = stats.ngram_runs(self.side, 1)
        out = np.full(len(runs.total), np.nan)
        rows = np.flatnonzero(runs.total >= DRAWS[-1])
        if len(rows):
            observed = expected_types_batch(runs, DRAWS)[rows] / DRAWS
            out[rows] = fit_d(observed)
        return PointwiseResult({"vocd_d": out})
