"""MTLD, the Measure of Textual Lexical Diversity (McCarthy & Jarvis, 2010).

Walk the words keeping the type-token ratio (TTR) of the current segment; each time it falls to the
threshold 0.72 a "factor" is complete and the segment restarts. The leftover segment adds a partial
factor (1 - TTR) / (1 - 0.72). MTLD = words / factors, averaged over a forward and a backward pass.
A text whose words never repeat has no factor at all: MTLD is undefined there (NaN), not infinite.
"""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.registry import register

THRESHOLD = 0.72


def _factors(words) -> float:
    # the hottest loop of the heuristic suite (one pass per word, twice per text): kept to the
    # fewest interpreter operations (a bound `add`, the TTR computed only where it is compared)
    factors = 0.0
    seen: set = set()
    add = seen.add
    tokens = 0
    for w in words:
        tokens += 1
        add(w)
        if len(seen) / tokens <= THRESHOLD:
            factors += 1.0
            seen = set()
            add = seen.add
            tokens = 0
    ttr = len(seen) / tokens if tokens else 1.0
    return factors + (1.0 - ttr) / (1.0 - THRESHOLD)


def mtld(words: list[str]) -> float:
    if not words:
        return NAN
    fwd = _factors(words)
    bwd = _factors(reversed(words))
    if fwd == 0 or bwd == 0:
        return NAN
    return (len(words) / fwd + len(words) / bwd) / 2.0


@register
class MTLD(PointwiseScorer):
    spec = heuristic_spec("mtld", "Bidirectional MTLD over words (threshold 0.72).", [
        Dimension("mtld", "mean words per TTR-0.72 factor; NaN when no word repeats", True, (0, float("inf"))),
    ])

    def score(self, batch, stats):
        return PointwiseResult({"mtld": arr([mtld(w) for w in stats.words(self.side)])})
