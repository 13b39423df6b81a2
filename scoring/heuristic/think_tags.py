"""Think-tag structure of reasoning traces: `<think>...</think>` blocks, whether they are well formed,
and the share of the text inside them.

Well formed = every opening tag is closed before the next opens and no closing tag is stray; it is
NaN for texts without any think tag (nothing to judge). Tags match case-insensitively.
"""
from __future__ import annotations

import re

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.registry import register

TAG = re.compile(r"<(/?)think>", re.I)


def think_structure(text: str) -> tuple[int, float, float]:
    if "<" not in text or not TAG.search(text):
        return 0, NAN, 0.0
    depth, blocks, inside, start, ok = 0, 0, 0, 0, True
    for m in TAG.finditer(text):
        closing = m.group(1) == "/"
        if not closing:
            if depth:
                ok = False
                continue
            depth, start = 1, m.end()
        else:
            if not depth:
                ok = False
                continue
            depth = 0
            blocks += 1
            inside += m.start() - start
    if depth:
        ok = False
    return blocks, 1.0 if ok else 0.0, inside / len(text)


@register
class ThinkTags(PointwiseScorer):
    spec = heuristic_spec("think_tags", "Closed <think> blocks, well-formedness and share of text inside.", [
        Dimension("think_blocks", "closed <think>...</think> blocks", None, (0, float("inf"))),
        Dimension("think_well_formed", "1 if tags are balanced and in order; NaN without tags", True, (0, 1)),
        Dimension("think_share", "characters inside think blocks / characters", None, (0, 1)),
    ])

    def score(self, batch, stats):
        rows = [think_structure(t) for t in stats.text(self.side)]
        return PointwiseResult({"think_blocks": arr([r[0] for r in rows]),
                                "think_well_formed": arr([r[1] for r in rows]),
                                "think_share": arr([r[2] for r in rows])})
