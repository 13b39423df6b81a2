"""Mean word length in characters: long words mark technical or formal prose."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.registry import register


@register
class MeanWordLength(PointwiseScorer):
    spec = heuristic_spec("mean_word_length", "Mean characters per word (NaN without words).",
                          [Dimension("mean_word_length", "average word length in characters", None,
                                     (0, float("inf")))])

    def score(self, batch, stats):
        out = []
        for words in stats.words(self.side):
            out.append(sum(map(len, words)) / len(words) if words else NAN)
        return PointwiseResult({"mean_word_length": arr(out)})
