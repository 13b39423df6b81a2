"""Refusals and AI self-references in responses ("I'm sorry, but I cannot...", "As an AI language model").

Distilled datasets inherit their teacher's refusals; a high share is a known quality defect. Phrase
lists are small and explicit so the definition is auditable.
"""
from __future__ import annotations

import re

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import arr, heuristic_spec

REFUSAL = re.compile(
    r"\b(?:i(?:'m| am) sorry,? but|i (?:cannot|can't|can not|won't|am unable to|'m unable to) "
    r"(?:help|assist|provide|comply|fulfil|fulfill|do that|answer)|i must (?:decline|refuse)|"
    r"it (?:is|would be) (?:not appropriate|inappropriate) for me)", re.I)
AI_SELF = re.compile(r"\bas an? (?:ai|artificial intelligence)(?: language model| assistant| model)?\b", re.I)


class Refusal(PointwiseScorer):
    spec = heuristic_spec("refusal", "Refusal phrases and AI self-references.", [
        Dimension("refusal", "1 if a refusal phrase occurs", False, (0, 1)),
        Dimension("ai_self_reference", "1 if the text calls itself an AI (model)", False, (0, 1)),
    ], sides=("A",))

    def score(self, batch, stats):
        texts = stats.text(self.side)
        return PointwiseResult({"refusal": arr([1.0 if REFUSAL.search(t) else 0.0 for t in texts]),
                                "ai_self_reference": arr([1.0 if AI_SELF.search(t) else 0.0 for t in texts])})
