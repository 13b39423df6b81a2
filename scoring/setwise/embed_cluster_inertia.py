"""`cluster_inertia` on MiniLM sentence embeddings: semantic rather than lexical diversity."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.cluster_inertia import ClusterInertia
from scoring.setwise.diversity import INERTIA, setwise_spec
from scoring.setwise.embedders import MINILM


@register
class EmbedClusterInertia(ClusterInertia):
    embedder = MINILM
    spec = setwise_spec("embed_cluster_inertia", INERTIA, MINILM)
