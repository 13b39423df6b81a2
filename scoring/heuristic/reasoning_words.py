"""Reasoning-word counts: connectives that mark explicit reasoning (therefore, because, first, ...).

ODA's "logical word count": long-CoT data is dense in them; terse answers have none. Counted over
lowercased words (so "Therefore" and "therefore" agree); the density is per 100 words.
"""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import heuristic_spec
from scoring.registry import register

REASONING_WORDS = frozenset("""
therefore thus hence because since consequently so accordingly implies imply means first second third
then next finally lastly step steps however although but whereas if suppose assume given let verify
check recall note wait alternatively conclude conclusion similarly substituting solving calculate compute
""".split())


@register
class ReasoningWords(PointwiseScorer):
    spec = heuristic_spec("reasoning_words", "Occurrences of reasoning connectives.", [
        Dimension("reasoning_words", "count of reasoning connectives", None, (0, float("inf"))),
        Dimension("reasoning_density", "reasoning connectives per 100 words", None, (0, 100)),
    ])

    def score(self, batch, stats):
        words = stats.word_ids(self.side)
        return PointwiseResult({"reasoning_words": words.count(REASONING_WORDS.__contains__),
                                "reasoning_density": 100.0 * words.share(REASONING_WORDS.__contains__)})
