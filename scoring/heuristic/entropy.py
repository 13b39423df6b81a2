"""Shannon entropy (bits) of a text's word or word n-gram distribution, shared by the entropy scorers.

H = log2(N) - sum(c * log2 c) / N over the counts c of N items: how many bits an ideal code needs per
item given only the text's own frequencies. Repetitive or templated text has low entropy. The scorers
compute it for a whole batch at once from `TextStats.ngram_runs`; `entropy_bits` is the per-text
reference they are tested against.
"""
from __future__ import annotations

import math
from collections import Counter

from scoring.heuristic.base import NAN

_LOG2 = math.log2


def entropy_bits(counts: Counter) -> float:
    total = sum(counts.values())
    if total == 0:
        return NAN
    return _LOG2(total) - sum(c * _LOG2(c) for c in counts.values() if c > 1) / total
