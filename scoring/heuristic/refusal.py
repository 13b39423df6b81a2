"""Refusals and AI self-references in responses ("I'm sorry, but I cannot...", "As an AI language model").

Distilled datasets inherit their teacher's refusals; a high share is a known quality defect. Phrase
lists are small and explicit so the definition is auditable.
"""
from __future__ import annotations

import re

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import arr, heuristic_spec
from scoring.registry import register

REFUSAL = re.compile(
    r"\b(?:i(?:'m| am) sorry,? but|i (?:cannot|can't|can not|won't|am unable to|'m unable to) "
    r"(?:help|assist|provide|comply|fulfil|fulfill|do that|answer)|i must (?:decline|refuse)|"
    r"it (?:is|would be) (?:not appropriate|inappropriate) for me)", re.I)
# every REFUSAL alternative contains one of these (lower-cased)
REFUSAL_KEYWORDS = ("sorry", "cannot", "can't", "can not", "won't", "unable", "must", "appropriate")
AI_SELF_KEYWORDS = ("as an ai", "as a ai", "artificial intelligence")   # every AI_SELF match has one
AI_SELF = re.compile(r"\bas an? (?:ai|artificial intelligence)(?: language model| assistant| model)?\b", re.I)


@register
class Refusal(PointwiseScorer):
    spec = heuristic_spec("refusal", "Refusal phrases and AI self-references.", [
        Dimension("refusal", "1 if a refusal phrase occurs", False, (0, 1)),
        Dimension("ai_self_reference", "1 if the text calls itself an AI (model)", False, (0, 1)),
    ], sides=("A",))

    def score(self, batch, stats):
        # the case-insensitive regexes only run on texts holding one of their keywords: a substring
        # test on the shared lower-cased text is ~20x cheaper than an IGNORECASE scan, and most
        # texts hold none
        texts, lower = stats.text(self.side), stats.lower(self.side)
        refusal = [1.0 if any(k in low for k in REFUSAL_KEYWORDS) and REFUSAL.search(t) else 0.0
                   for t, low in zip(texts, lower)]
        ai_self = [1.0 if any(k in low for k in AI_SELF_KEYWORDS) and AI_SELF.search(t) else 0.0
                   for t, low in zip(texts, lower)]
        return PointwiseResult({"refusal": arr(refusal), "ai_self_reference": arr(ai_self)})
