"""Sentence count and mean sentence length: a coarse measure of how prose is built (splitting rules
in `sentences.py`)."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.heuristic.sentences import sentence_counts
from scoring.registry import register


@register
class SentenceStats(PointwiseScorer):
    spec = heuristic_spec("sentence_stats", "Sentences and mean words per sentence.", [
        Dimension("sentences", "number of sentences", None, (0, float("inf"))),
        Dimension("mean_sentence_words", "mean words per sentence", None, (0, float("inf"))),
    ])

    def score(self, batch, stats):
        counts = sentence_counts(stats, self.side)
        means = [len(words) / n if n else NAN for n, words in zip(counts, stats.words(self.side))]
        return PointwiseResult({"sentences": arr(counts), "mean_sentence_words": arr(means)})
