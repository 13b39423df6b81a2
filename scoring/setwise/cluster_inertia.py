"""k-means(16) inertia of hashed n-gram embeddings on a uniform bottom-2048 sample of the dataset
(`diversity.py`)."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import INERTIA, SampleScorer, cluster_inertia, setwise_spec


@register
class ClusterInertia(SampleScorer):
    spec = setwise_spec("cluster_inertia", INERTIA)

    def from_sample(self, x):
        return cluster_inertia(x)
