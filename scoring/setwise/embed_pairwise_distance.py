"""`pairwise_distance` on MiniLM sentence embeddings: semantic rather than lexical diversity."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import PAIRWISE, setwise_spec
from scoring.setwise.embedders import MINILM
from scoring.setwise.pairwise_distance import PairwiseDistance


@register
class EmbedPairwiseDistance(PairwiseDistance):
    embedder = MINILM
    spec = setwise_spec("embed_pairwise_distance", PAIRWISE, MINILM)
