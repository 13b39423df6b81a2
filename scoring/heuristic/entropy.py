"""Shannon entropy (bits) of the word and word n-gram distributions of a text.

H = log2(N) - sum(c * log2 c) / N over the counts c of N items: how many bits an ideal code needs per
word given only the text's own frequencies. Repetitive or templated text has low entropy. Computed for
the whole batch at once from `TextStats.ngram_runs`; `entropy_bits` is the per-text reference.
"""
from __future__ import annotations

import math
from collections import Counter

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, heuristic_spec

_LOG2 = math.log2


def entropy_bits(counts: Counter) -> float:
    total = sum(counts.values())
    if total == 0:
        return NAN
    return _LOG2(total) - sum(c * _LOG2(c) for c in counts.values() if c > 1) / total


class WordEntropy(PointwiseScorer):
    spec = heuristic_spec("word_entropy", "Entropy in bits of the word unigram distribution.", [
        Dimension("word_entropy", "bits per word", True, (0, float("inf"))),
    ])

    def score(self, batch, stats):
        return PointwiseResult({"word_entropy": stats.ngram_runs(self.side, 1).entropy_bits()})


class NgramEntropy(PointwiseScorer):
    spec = heuristic_spec("ngram_entropy", "Entropy in bits of word bigrams and trigrams.", [
        Dimension("bigram_entropy", "bits per word bigram", True, (0, float("inf"))),
        Dimension("trigram_entropy", "bits per word trigram", True, (0, float("inf"))),
    ])

    def score(self, batch, stats):
        return PointwiseResult({"bigram_entropy": stats.ngram_runs(self.side, 2).entropy_bits(),
                                "trigram_entropy": stats.ngram_runs(self.side, 3).entropy_bits()})
