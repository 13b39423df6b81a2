"""The Vendi score (Friedman & Dieng, 2023) of a dataset's hashed n-gram embeddings: the effective
number of distinct samples, exact from the embeddings' second moments (`diversity.py`)."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import VENDI, MomentScorer, setwise_spec, vendi


@register
class VendiScore(MomentScorer):
    spec = setwise_spec("vendi_score", VENDI)

    def from_moments(self, n, total, gram):
        return vendi(n, total, gram)
