"""`vendi_score` on MiniLM sentence embeddings: semantic rather than lexical diversity."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import VENDI, setwise_spec
from scoring.setwise.embedders import MINILM
from scoring.setwise.vendi_score import VendiScore


@register
class EmbedVendiScore(VendiScore):
    embedder = MINILM
    spec = setwise_spec("embed_vendi_score", VENDI, MINILM)
