"""Relations between instruction and response: lexical overlap and relative length.

Overlap is a cheap relevance proxy (a response that shares no word with its question is suspect);
the length ratio separates terse from elaborate answers independently of the prompt's length.
"""
from __future__ import annotations

import math

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec


class QAOverlap(PointwiseScorer):
    spec = heuristic_spec("qa_overlap", "Word-set overlap between instruction and response.", [
        Dimension("word_jaccard", "|Q ∩ A| / |Q ∪ A| over word types", None, (0, 1)),
        Dimension("q_coverage", "share of instruction word types that appear in the response", True, (0, 1)),
    ], sides=("QA",))

    def score(self, batch, stats):
        jac, cov = [], []
        for qc, ac in zip(stats.word_counts("Q"), stats.word_counts("A")):
            q, a = qc.keys(), ac.keys()
            inter = len(q & a)
            union = len(q) + len(a) - inter
            jac.append(inter / union if union else NAN)
            cov.append(inter / len(q) if q else NAN)
        return PointwiseResult({"word_jaccard": arr(jac), "q_coverage": arr(cov)})


class QALengthRatio(PointwiseScorer):
    spec = heuristic_spec("qa_length_ratio", "Natural log of (response words + 1) / (instruction words + 1).", [
        Dimension("log_length_ratio", "ln((|A|+1)/(|Q|+1)) in words", None, (-math.inf, math.inf)),
    ], sides=("QA",))

    def score(self, batch, stats):
        return PointwiseResult({"log_length_ratio": arr([
            math.log((len(a) + 1) / (len(q) + 1)) for q, a in zip(stats.words("Q"), stats.words("A"))])})
