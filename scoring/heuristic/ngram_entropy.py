"""Entropy of word bigrams and trigrams: low where phrases, not just words, repeat (see `entropy.py`)."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import heuristic_spec
from scoring.registry import register


@register
class NgramEntropy(PointwiseScorer):
    spec = heuristic_spec("ngram_entropy", "Entropy in bits of word bigrams and trigrams.", [
        Dimension("bigram_entropy", "bits per word bigram", True, (0, float("inf"))),
        Dimension("trigram_entropy", "bits per word trigram", True, (0, float("inf"))),
    ])

    def score(self, batch, stats):
        return PointwiseResult({"bigram_entropy": stats.ngram_runs(self.side, 2).entropy_bits(),
                                "trigram_entropy": stats.ngram_runs(self.side, 3).entropy_bits()})
