"""Python snippets in a text and the share that parse (rules in `fences.py`)."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.heuristic.fences import PY_START, PY_TAGS, code_blocks, parses
from scoring.registry import register


@register
class PythonSyntax(PointwiseScorer):
    spec = heuristic_spec("python_syntax", "Python snippets and the share that parse.", [
        Dimension("python_snippets", "Python blocks found (or 1 for a bare Python text)", None, (0, float("inf"))),
        Dimension("python_valid_ratio", "share of Python snippets that parse; NaN without any", True, (0, 1)),
    ])

    def score(self, batch, stats):
        count, valid = [], []
        for t in stats.text(self.side):
            blocks = code_blocks(t)
            if blocks:
                snippets = [b for tag, b in blocks if tag in PY_TAGS]
            else:
                snippets = [t] if PY_START.match(t) else []
            count.append(len(snippets))
            valid.append(sum(map(parses, snippets)) / len(snippets) if snippets else NAN)
        return PointwiseResult({"python_snippets": arr(count), "python_valid_ratio": arr(valid)})
