"""Words of one side (runs of Unicode word characters, as `TextStats.words` splits them)."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import arr, heuristic_spec
from scoring.registry import register


@register
class WordLength(PointwiseScorer):
    spec = heuristic_spec("word_length", "Words (Unicode \\w+ runs) in the side's text.",
                          [Dimension("words", "number of words", None, (0, float("inf")))])

    def score(self, batch, stats):
        return PointwiseResult({"words": arr([len(w) for w in stats.words(self.side)])})
