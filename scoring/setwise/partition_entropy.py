"""How evenly k-means(16) spreads a uniform bottom-2048 sample of the dataset over its clusters
(hashed n-gram embeddings; `diversity.py`)."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import PARTITION, SampleScorer, partition_entropy, setwise_spec


@register
class PartitionEntropy(SampleScorer):
    spec = setwise_spec("partition_entropy", PARTITION)

    def from_sample(self, x):
        return partition_entropy(x)
