"""Entropy of the word unigram distribution (see `entropy.py` for the formula)."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import heuristic_spec
from scoring.registry import register


@register
class WordEntropy(PointwiseScorer):
    spec = heuristic_spec("word_entropy", "Entropy in bits of the word unigram distribution.", [
        Dimension("word_entropy", "bits per word", True, (0, float("inf"))),
    ])

    def score(self, batch, stats):
        return PointwiseResult({"word_entropy": stats.ngram_runs(self.side, 1).entropy_bits()})
