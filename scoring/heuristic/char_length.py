"""Characters of one side: the plainest size measure (Unicode code points, no tokenizer)."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import arr, heuristic_spec
from scoring.registry import register


@register
class CharLength(PointwiseScorer):
    spec = heuristic_spec("char_length", "Unicode code points in the side's text.",
                          [Dimension("chars", "number of characters", None, (0, float("inf")))])

    def score(self, batch, stats):
        return PointwiseResult({"chars": arr([len(t) for t in stats.text(self.side)])})
