"""Share of English function words: natural prose sits near 0.4-0.5, lists, code and keyword soup far lower."""
from __future__ import annotations

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import heuristic_spec
from scoring.registry import register

# A compact English function-word list (articles, pronouns, auxiliaries, prepositions, conjunctions).
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should
so some such than that the their theirs them themselves then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves
""".split())


@register
class StopwordRatio(PointwiseScorer):
    spec = heuristic_spec("stopword_ratio", "Share of words that are English function words.", [
        Dimension("stopword_ratio", "function words / words", None, (0, 1)),
    ])

    def score(self, batch, stats):
        return PointwiseResult({"stopword_ratio": stats.word_ids(self.side).share(STOPWORDS.__contains__)})
