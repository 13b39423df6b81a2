"""Log-determinant diversity of a dataset's hashed n-gram embeddings, exact from their second
moments: 1 when they spread evenly over all directions (`diversity.py`)."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import LOGDET, MomentScorer, logdet, setwise_spec


@register
class LogDetDiversity(MomentScorer):
    spec = setwise_spec("logdet_diversity", LOGDET)

    def from_moments(self, n, total, gram):
        return logdet(n, total, gram)
