"""Deita instruction complexity (hkust-nlp/deita-complexity-scorer): expected score 1-6 of the
instruction alone (method in `deita.py`)."""
from __future__ import annotations

from scoring.models.deita import COMPLEXITY_PROMPT, DeitaScorer, deita_spec
from scoring.registry import register


@register
class DeitaComplexity(DeitaScorer):
    spec = deita_spec("deita_complexity", "instruction complexity", None, "Q")

    def prompt_ids(self, q, a):
        return self._fit(COMPLEXITY_PROMPT, q, None)
