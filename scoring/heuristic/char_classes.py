"""Character classes: digits, uppercase letters, punctuation, whitespace and non-ASCII characters.

Shares are over all characters. Digits, uppercase and punctuation use the ASCII definitions (counted
with `bytes.translate` in C, which is what keeps this scorer fast); everything outside ASCII is
reported separately as `non_ascii_ratio` (scripts are broken down by `script_share`).
"""
from __future__ import annotations

import string

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.registry import register

DIGITS = string.digits.encode()
UPPER = string.ascii_uppercase.encode()
PUNCT = string.punctuation.encode()
SPACE = b" \t\n\r\x0b\x0c"


def _count(raw: bytes, chars: bytes) -> int:
    return len(raw) - len(raw.translate(None, chars))


@register
class CharClasses(PointwiseScorer):
    spec = heuristic_spec("char_classes", "Shares of digit, uppercase, punctuation, whitespace, non-ASCII chars.", [
        Dimension("digit_ratio", "ASCII digits / characters", None, (0, 1)),
        Dimension("uppercase_ratio", "ASCII uppercase letters / characters", None, (0, 1)),
        Dimension("punctuation_ratio", "ASCII punctuation / characters", None, (0, 1)),
        Dimension("whitespace_ratio", "whitespace / characters", None, (0, 1)),
        Dimension("non_ascii_ratio", "non-ASCII characters / characters", None, (0, 1)),
    ])

    def score(self, batch, stats):
        names = ("digit_ratio", "uppercase_ratio", "punctuation_ratio", "whitespace_ratio", "non_ascii_ratio")
        cols = {k: [] for k in names}
        for text in stats.text(self.side):
            n = len(text)
            if not n:
                for k in names:
                    cols[k].append(NAN)
                continue
            raw = text.encode("ascii", "ignore")
            cols["non_ascii_ratio"].append((n - len(raw)) / n)
            cols["digit_ratio"].append(_count(raw, DIGITS) / n)
            cols["uppercase_ratio"].append(_count(raw, UPPER) / n)
            cols["punctuation_ratio"].append(_count(raw, PUNCT) / n)
            cols["whitespace_ratio"].append(_count(raw, SPACE) / n)
        return PointwiseResult({k: arr(v) for k, v in cols.items()})
