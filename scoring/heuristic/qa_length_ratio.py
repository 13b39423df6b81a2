"""Response length relative to instruction length: separates terse from elaborate answers
independently of how long the prompt is."""
from __future__ import annotations

import math

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import arr, heuristic_spec
from scoring.registry import register


@register
class QALengthRatio(PointwiseScorer):
    spec = heuristic_spec("qa_length_ratio", "Natural log of (response words + 1) / (instruction words + 1).", [
        Dimension("log_length_ratio", "ln((|A|+1)/(|Q|+1)) in words", None, (-math.inf, math.inf)),
    ], sides=("QA",))

    def score(self, batch, stats):
        return PointwiseResult({"log_length_ratio": arr([
            math.log((len(a) + 1) / (len(q) + 1)) for q, a in zip(stats.words("Q"), stats.words("A"))])})
