"""Near-duplicate rate over the whole dataset: MinHash signatures banded for LSH (no N x N).

Each text becomes the set of its word 3-gram shingles (CRC-32 hashed), summarized by 128 MinHash
values (multiply-shift hashing, fixed seeds) cut into 16 bands of 8 rows. Two samples are candidate
near-duplicates when any band is identical; the state keeps only the 16 band keys per sample, so it is
mergeable by concatenation and the final count (by sorting) does not depend on sharding or order.

Bound: a pair with Jaccard similarity s is flagged with probability 1 - (1 - s^8)^16, i.e. 0.06 at
s = 0.5, 0.47 at s = 0.7, 0.97 at s = 0.8 and > 0.999 at s = 0.9. Texts with fewer than 3 words use
their words as shingles; empty texts are never flagged. `exact_duplicate_rate` counts records whose
sample_id (content hash) occurs more than once.
"""
from __future__ import annotations

import zlib

import numpy as np

from scoring.api import Dimension, ScorerSpec, SetResult, SetwiseScorer
from scoring.registry import register
from scoring.setwise.sketch import sample_hash

PERMS = 128
BANDS = 16
ROWS = PERMS // BANDS
_rng = np.random.default_rng(20240611)
_A = (_rng.integers(1, 1 << 63, size=PERMS, dtype=np.uint64) | np.uint64(1))
_B = _rng.integers(0, 1 << 63, size=PERMS, dtype=np.uint64)
_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)


def minhash_bands(words_per_text: list[list[str]]) -> np.ndarray:
    """(n, BANDS) uint64 band keys; rows of empty texts are all-ones sentinels (never matched)."""
    out = np.full((len(words_per_text), BANDS), _EMPTY, dtype=np.uint64)
    crc = zlib.crc32
    for i, words in enumerate(words_per_text):
        shingles = {" ".join(words[j:j + 3]) for j in range(max(len(words) - 2, 1))} if words else set()
        if not shingles:
            continue
        h = np.fromiter((crc(s.encode()) for s in shingles), dtype=np.uint64, count=len(shingles))
        with np.errstate(over="ignore"):
            sig = ((_A[:, None] * h[None, :] + _B[:, None]) >> np.uint64(32)).min(axis=1)   # (PERMS,)
        bands = sig.reshape(BANDS, ROWS)
        keys = np.fromiter((zlib.crc32(b.tobytes()) for b in bands), dtype=np.uint64, count=BANDS)
        out[i] = keys | (np.arange(BANDS, dtype=np.uint64) << np.uint64(32))   # band index in high bits
    return out


@register
class NearDuplicateRate(SetwiseScorer):
    spec = ScorerSpec(
        name="near_duplicate_rate", version="1", category="heuristic", kind="setwise",
        description="Share of records with a MinHash-LSH near-duplicate (word 3-grams, 16x8 bands).",
        dimensions=(
            Dimension("near_duplicate_rate", "share of records with a candidate near-duplicate", False, (0, 1)),
            Dimension("exact_duplicate_rate", "share of records whose content hash repeats", False, (0, 1)),
        ),
        sides=("QA", "Q", "A"),
    )

    def init_state(self):
        return {"bands": np.zeros((0, BANDS), dtype=np.uint64), "ids": np.zeros(0, dtype=np.uint64)}

    def update(self, state, batch, stats):
        if not len(batch):
            return state
        bands = stats.cached(("minhash", self.side), lambda: minhash_bands(stats.words(self.side)))
        return {"bands": np.concatenate([state["bands"], bands]),
                "ids": np.concatenate([state["ids"], sample_hash(batch.sample_id)])}

    def merge(self, a, b):
        return {k: np.concatenate([a[k], b[k]]) for k in a}

    def finalize(self, state) -> SetResult:
        bands, ids = state["bands"], state["ids"]
        n = len(ids)
        if n == 0:
            return SetResult({"near_duplicate_rate": float("nan"), "exact_duplicate_rate": float("nan")}, 0, 0,
                             "empty dataset")
        flagged = np.zeros(n, dtype=bool)
        for b in range(BANDS):
            col = bands[:, b]
            _, inverse, counts = np.unique(col, return_inverse=True, return_counts=True)
            flagged |= (counts[inverse] > 1) & (col != _EMPTY)
        _, inv, cnt = np.unique(ids, return_inverse=True, return_counts=True)
        exact = cnt[inv] > 1
        return SetResult({"near_duplicate_rate": float(flagged.mean()), "exact_duplicate_rate": float(exact.mean())},
                         n, n, "exact over the whole dataset (LSH candidates, bound in the scorer's docstring)")
