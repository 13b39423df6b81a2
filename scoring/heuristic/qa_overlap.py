"""Lexical overlap between instruction and response: a cheap relevance proxy (a response that shares
no word with its question is suspect)."""
from __future__ import annotations

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import heuristic_spec
from scoring.registry import register
from scoring.wordtable import shared_types


def _div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.divide(a, b, out=np.full(len(b), np.nan), where=b > 0)


@register
class QAOverlap(PointwiseScorer):
    spec = heuristic_spec("qa_overlap", "Word-set overlap between instruction and response.", [
        Dimension("word_jaccard", "|Q ∩ A| / |Q ∪ A| over word types", None, (0, 1)),
        Dimension("q_coverage", "share of instruction word types that appear in the response", True, (0, 1)),
    ], sides=("QA",))

    def score(self, batch, stats):
        q, a = stats.ngram_runs("Q", 1), stats.ngram_runs("A", 1)      # word ids shared by both sides
        inter = shared_types(q, a)
        q_types = q.per_text(np.ones(len(q.sid)))
        a_types = a.per_text(np.ones(len(a.sid)))
        union = q_types + a_types - inter
        return PointwiseResult({"word_jaccard": _div(inter, union), "q_coverage": _div(inter, q_types)})
