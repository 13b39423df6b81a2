"""`logdet_diversity` on MiniLM sentence embeddings: semantic rather than lexical diversity."""
from __future__ import annotations

from scoring.registry import register
from scoring.setwise.diversity import LOGDET, setwise_spec
from scoring.setwise.embedders import MINILM
from scoring.setwise.logdet_diversity import LogDetDiversity


@register
class EmbedLogDetDiversity(LogDetDiversity):
    embedder = MINILM
    spec = setwise_spec("embed_logdet_diversity", LOGDET, MINILM)
