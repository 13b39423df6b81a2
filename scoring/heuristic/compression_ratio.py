"""Compression ratio: zlib-compressed bytes over UTF-8 bytes (level 6, deterministic).

Redundant text compresses well (low ratio); very short texts pay the fixed zlib header and score
high, so compare texts of similar length or read it together with `char_length`.
"""
from __future__ import annotations

import zlib

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.registry import register


def compression_ratio(text: str) -> float:
    raw = text.encode("utf-8")
    return len(zlib.compress(raw, 6)) / len(raw) if raw else NAN


@register
class CompressionRatio(PointwiseScorer):
    spec = heuristic_spec("compression_ratio", "zlib(level 6) bytes / UTF-8 bytes.", [
        Dimension("compression_ratio", "compressed / raw size", True, (0, float("inf"))),
    ])

    def score(self, batch, stats):
        return PointwiseResult({"compression_ratio": arr([compression_ratio(t) for t in stats.text(self.side)])})
