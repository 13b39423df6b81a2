"""Deita instruction complexity (hkust-nlp/deita-complexity-scorer): expected score 1-6 of the
instruction alone (method in `deita.py`)."""
from __future__ import annotations

from scoring.api import Dimension, ScorerSpec
from scoring.models.deita import COMPLEXITY_PROMPT, DeitaScorer
from scoring.registry import register


@register
class DeitaComplexity(DeitaScorer):
    dim = "deita_complexity"
    default_model = "hkust-nlp/deita-complexity-scorer"
    spec = ScorerSpec(
        name="deita_complexity", version="1", category="model-based", kind="pointwise",
        description="Deita instruction complexity: expected score 1-6 from the scorer's next-token distribution.",
        dimensions=(Dimension("deita_complexity", "expected complexity 1-6", None, (1, 6)),),
        sides=("Q",), model="hkust-nlp/deita-complexity-scorer", wants_gpu=True)

    def prompt_ids(self, q, a):
        return self._fit(COMPLEXITY_PROMPT, q, None)
