"""Deita response quality (hkust-nlp/deita-quality-scorer): expected score 1-6 of the
instruction-response pair (method in `deita.py`)."""
from __future__ import annotations

from scoring.api import Dimension, ScorerSpec
from scoring.models.deita import QUALITY_PROMPT, DeitaScorer
from scoring.registry import register


@register
class DeitaQuality(DeitaScorer):
    dim = "deita_quality"
    default_model = "hkust-nlp/deita-quality-scorer"
    spec = ScorerSpec(
        name="deita_quality", version="1", category="model-based", kind="pointwise",
        description="Deita response quality: expected score 1-6 from the scorer's next-token distribution.",
        dimensions=(Dimension("deita_quality", "expected quality 1-6", True, (1, 6)),),
        sides=("QA",), model="hkust-nlp/deita-quality-scorer", wants_gpu=True)

    def prompt_ids(self, q, a):
        return self._fit(QUALITY_PROMPT, q, a)
