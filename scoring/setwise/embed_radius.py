"""`radius` on MiniLM sentence embeddings: semantic rather than lexical diversity."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import RADIUS, setwise_spec
from scoring.setwise.embedders import MINILM
from scoring.setwise.radius import Radius


@register
class EmbedRadius(Radius):
    embedder = MINILM
    spec = setwise_spec("embed_radius", RADIUS, MINILM)
