"""Line structure: lines, list items and Markdown headers (how formatted a text is)."""
from __future__ import annotations

import re

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import arr, heuristic_spec
from scoring.registry import register

LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+\S", re.M)
HEADER = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S", re.M)


@register
class LineStructure(PointwiseScorer):
    spec = heuristic_spec("line_structure", "Non-empty lines, list items and Markdown headers.", [
        Dimension("lines", "non-empty lines", None, (0, float("inf"))),
        Dimension("list_items", "bulleted or numbered list items", None, (0, float("inf"))),
        Dimension("md_headers", "Markdown ATX headers", None, (0, float("inf"))),
    ])

    def score(self, batch, stats):
        lines, items, headers = [], [], []
        for text in stats.text(self.side):
            lines.append(sum(1 for ln in text.split("\n") if ln.strip()))
            items.append(len(LIST_ITEM.findall(text)) if ("-" in text or "*" in text or "." in text
                                                           or ")" in text or "+" in text or "•" in text) else 0)
            headers.append(len(HEADER.findall(text)) if "#" in text else 0)
        return PointwiseResult({"lines": arr(lines), "list_items": arr(items), "md_headers": arr(headers)})
