"""Average pairwise cosine distance of a dataset's hashed n-gram embeddings, exact from their
moments without the n x n matrix (`diversity.py`)."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import PAIRWISE, MomentScorer, pairwise, setwise_spec


@register
class PairwiseDistance(MomentScorer):
    spec = setwise_spec("pairwise_distance", PAIRWISE)

    def from_moments(self, n, total, gram):
        return pairwise(n, total, gram)
