"""Distinct-n: unique word n-grams over all n-grams (n = 1, 2, 3); distinct-1 is the type-token ratio."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import heuristic_spec
from scoring.registry import register


@register
class UniqueNgrams(PointwiseScorer):
    spec = heuristic_spec("unique_ngrams", "Share of unique word n-grams (distinct-1/2/3).", [
        Dimension(f"distinct_{n}", f"unique word {n}-grams / word {n}-grams", True, (0, 1)) for n in (1, 2, 3)
    ])

    def score(self, batch, stats):
        return PointwiseResult({f"distinct_{n}": stats.ngram_runs(self.side, n).distinct_ratio() for n in (1, 2, 3)})
