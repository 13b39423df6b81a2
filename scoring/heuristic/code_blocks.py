"""Fenced code blocks (```) and the share of a text's characters inside them."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.heuristic.fences import code_blocks
from scoring.registry import register


@register
class CodeBlocks(PointwiseScorer):
    spec = heuristic_spec("code_blocks", "Fenced code blocks and the share of characters inside them.", [
        Dimension("code_blocks", "number of ``` fenced blocks", None, (0, float("inf"))),
        Dimension("code_share", "characters inside fenced blocks / characters", None, (0, 1)),
    ])

    def score(self, batch, stats):
        n, share = [], []
        for t in stats.text(self.side):
            blocks = code_blocks(t)
            n.append(len(blocks))
            share.append(sum(len(b) for _, b in blocks) / len(t) if t else NAN)
        return PointwiseResult({"code_blocks": arr(n), "code_share": arr(share)})
