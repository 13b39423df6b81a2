"""Root-mean-square distance of a dataset's hashed n-gram embeddings to their centroid, exact from
their moments (`diversity.py`)."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import RADIUS, MomentScorer, radius, setwise_spec


@register
class Radius(MomentScorer):
    spec = setwise_spec("radius", RADIUS)

    def from_moments(self, n, total, gram):
        return radius(n, total, gram)
