"""Refusals and AI self-references in responses ("I'm sorry, but I cannot...", "As an AI language model").

Distilled datasets inherit their teacher's refusals; a high share is a known quality defect. Phrase
lists are small and explicit so the definition is auditable.
"""
from __future__ import annotations

import re

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import heuristic_spec
from scoring.registry import register

REFUSAL = re.compile(
    r"\b(?:i(?:'m| am) sorry,? but|i (?:cannot|can't|can not|won't|am unable to|'m unable to) "
    r"(?:help|assist|provide|comply|fulfil|fulfill|do that|answer)|i must (?:decline|refuse)|"
    r"it (?:is|would be) (?:not appropriate|inappropriate) for me)", re.I)
# every REFUSAL match holds one of these words (as `TextStats.words` splits them), or both "can" and
# "not"; every AI_SELF match holds one of AI_SELF_WORDS
REFUSAL_WORDS = ("sorry", "cannot", "can't", "won't", "unable", "must", "appropriate", "inappropriate")
AI_SELF = re.compile(r"\bas an? (?:ai|artificial intelligence)(?: language model| assistant| model)?\b", re.I)
AI_SELF_WORDS = ("ai", "artificial")


@register
class Refusal(PointwiseScorer):
    spec = heuristic_spec("refusal", "Refusal phrases and AI self-references.", [
        Dimension("refusal", "1 if a refusal phrase occurs", False, (0, 1)),
        Dimension("ai_self_reference", "1 if the text calls itself an AI (model)", False, (0, 1)),
    ], sides=("A",))

    def score(self, batch, stats):
        # the case-insensitive regexes only run on texts holding one of their words: a lookup in the
        # batch's word ids is far cheaper than an IGNORECASE scan, and most texts hold none
        texts, words = stats.text(self.side), stats.word_ids(self.side)
        maybe_refusal = words.contains_any(REFUSAL_WORDS) | (words.contains_any(["can"]) & words.contains_any(["not"]))
        refusal = np.zeros(len(texts))
        for i in np.flatnonzero(maybe_refusal):
            refusal[i] = REFUSAL.search(texts[i]) is not None
        ai_self = np.zeros(len(texts))
        for i in np.flatnonzero(words.contains_any(AI_SELF_WORDS)):
            ai_self[i] = AI_SELF.search(texts[i]) is not None
        return PointwiseResult({"refusal": refusal, "ai_self_reference": ai_self})
