"""Deita response quality (hkust-nlp/deita-quality-scorer): expected score 1-6 of the
instruction-response pair (method in `deita.py`)."""
from __future__ import annotations

from scoring.models.deita import QUALITY_PROMPT, DeitaScorer, deita_spec
from scoring.registry import register


@register
class DeitaQuality(DeitaScorer):
    spec = deita_spec("deita_quality", "response quality", True, "QA")

    def prompt_ids(self, q, a):
        return self._fit(QUALITY_PROMPT, q, a)
