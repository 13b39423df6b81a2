"""HD-D (McCarthy & Jarvis, 2007): the expected type-token ratio of a random 42-word draw.

Computed exactly from the hypergeometric expectation (`hypergeometric.py`), so it is deterministic;
texts shorter than the draw have no HD-D (NaN).
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, heuristic_spec
from scoring.heuristic.hypergeometric import expected_types, expected_types_batch
from scoring.registry import register

SAMPLE_SIZE = 42


def hdd(counts: Counter, sample_size: int = SAMPLE_SIZE) -> float:
    if sum(counts.values()) < sample_size:
        return NAN
    return float(expected_types(counts, np.array([sample_size]))[0] / sample_size)


@register
class HDD(PointwiseScorer):
    spec = heuristic_spec("hd_d", "HD-D: expected TTR of a 42-word hypergeometric draw (exact).", [
        Dimension("hd_d", "expected type-token ratio at 42 words; NaN under 42 words", True, (0, 1)),
    ])

    def score(self, batch, stats):
        runs = stats.ngram_runs(self.side, 1)
        values = expected_types_batch(runs, np.array([SAMPLE_SIZE]))[:, 0] / SAMPLE_SIZE
        return PointwiseResult({"hd_d": np.where(runs.total >= SAMPLE_SIZE, values, np.nan)})
