"""Character and word lengths of one side: the plainest size measures (no tokenizer involved)."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec


class CharLength(PointwiseScorer):
    spec = heuristic_spec("char_length", "Unicode code points in the side's text.",
                          [Dimension("chars", "number of characters", None, (0, float("inf")))])

    def score(self, batch, stats):
        return PointwiseResult({"chars": arr([len(t) for t in stats.text(self.side)])})


class WordLength(PointwiseScorer):
    spec = heuristic_spec("word_length", "Words (Unicode \\w+ runs) in the side's text.",
                          [Dimension("words", "number of words", None, (0, float("inf")))])

    def score(self, batch, stats):
        return PointwiseResult({"words": arr([len(w) for w in stats.words(self.side)])})


class MeanWordLength(PointwiseScorer):
    spec = heuristic_spec("mean_word_length", "Mean characters per word (NaN without words).",
                          [Dimension("mean_word_length", "average word length in characters", None,
                                     (0, float("inf")))])

    def score(self, batch, stats):
        out = []
        for words in stats.words(self.side):
            out.append(sum(map(len, words)) / len(words) if words else NAN)
        return PointwiseResult({"mean_word_length": arr(out)})
