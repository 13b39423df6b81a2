"""Mean cosine distance of a sample to its 5 nearest neighbours, over hashed n-gram embeddings of a
uniform bottom-2048 sample of the dataset (`diversity.py`)."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import KNN, SampleScorer, knn_novelty, setwise_spec


@register
class KnnNovelty(SampleScorer):
    spec = setwise_spec("knn_novelty", KNN)

    def from_sample(self, x):
        return knn_novelty(x)
