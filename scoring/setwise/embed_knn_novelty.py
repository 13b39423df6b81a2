"""`knn_novelty` on MiniLM sentence embeddings: semantic rather than lexical diversity."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import KNN, setwise_spec
from scoring.setwise.embedders import MINILM
from scoring.setwise.knn_novelty import KnnNovelty


@register
class EmbedKnnNovelty(KnnNovelty):
    embedder = MINILM
    spec = setwise_spec("embed_knn_novelty", KNN, MINILM)
