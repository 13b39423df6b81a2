"""Reasoning-word counts: connectives that mark explicit reasoning (therefore, because, first, ...).

ODA's "logical word count": long-CoT data is dense in them; terse answers have none. Counted over
lowercased words (so "Therefore" and "therefore" agree); the density is per 100 words.
"""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec

REASONING_WORDS = frozenset("""
therefore thus hence because since consequently so accordingly implies imply means first second third
then next finally lastly step steps however although but whereas if suppose assume given let verify
check recall note wait alternatively conclude conclusion similarly substituting solving calculate compute
""".split())


class ReasoningWords(PointwiseScorer):
    spec = heuristic_spec("reasoning_words", "Occurrences of reasoning connectives.", [
        Dimension("reasoning_words", "count of reasoning connectives", None, (0, float("inf"))),
        Dimension("reasoning_density", "reasoning connectives per 100 words", None, (0, 100)),
    ])

    def score(self, batch, stats):
        counts, density = [], []
        for wc in stats.word_counts(self.side):
            total = sum(wc.values())
            n = sum(c for w, c in wc.items() if w in REASONING_WORDS)
            counts.append(n)
            density.append(100.0 * n / total if total else NAN)
        return PointwiseResult({"reasoning_words": arr(counts), "reasoning_density": arr(density)})
