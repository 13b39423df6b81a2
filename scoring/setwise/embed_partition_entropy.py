"""`partition_entropy` on MiniLM sentence embeddings: semantic rather than lexical diversity."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import PARTITION, setwise_spec
from scoring.setwise.embedders import MINILM
from scoring.setwise.partition_entropy import PartitionEntropy


@register
class EmbedPartitionEntropy(PartitionEntropy):
    embedder = MINILM
    spec = setwise_spec("embed_partition_entropy", PARTITION, MINILM)
