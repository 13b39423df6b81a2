"""Mergeable sketches that make setwise scores independent of how a dataset is sharded.

`GramSketch` accumulates the count, the sum vector and the second-moment matrix X^T X of the
embeddings in fixed point (components rounded to multiples of 2^-15, held as int64). Integer sums are
exact and associative, so any sharding and any merge order yield the same state bit for bit; float
sums would differ in the last bits with order. Per batch the products are taken in float64, which is
exact for quantized values (|q| <= 2^15, products <= 2^30, sums of < 2^23 rows stay under 2^53).
Scores that are functions of these moments (Vendi score with a cosine kernel, log-det diversity,
average pairwise cosine distance, radius) are therefore EXACT over the whole dataset in O(d^2)
memory, with no N x N matrix.

`BottomKSketch` keeps the K samples with the smallest hash of their sample_id (ties: record index):
a uniform pseudo-random sample that is a pure function of the set (bottom-k of a union is the
bottom-k of the shards' bottom-k), used by the scores that need neighbours or clusters (kNN novelty,
k-means inertia, partition entropy). They are computed on at most K samples; below K the sample is
the whole dataset.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

FIXED_BITS = 15
SCALE = float(1 << FIXED_BITS)
MAX_ROWS_PER_PRODUCT = 1 << 22


def quantize(x: np.ndarray) -> np.ndarray:
    return np.rint(np.clip(x, -1.0, 1.0) * SCALE)


@dataclass
class GramSketch:
    dim: int
    count: int = 0
    total: np.ndarray | None = None      # int64 (d,), sum of quantized rows
    gram: np.ndarray | None = None       # int64 (d, d), sum of outer products of quantized rows

    def __post_init__(self):
        if self.total is None:
            self.total = np.zeros(self.dim, dtype=np.int64)
        if self.gram is None:
            self.gram = np.zeros((self.dim, self.dim), dtype=np.int64)

    def add(self, emb: np.ndarray) -> "GramSketch":
        for start in range(0, len(emb), MAX_ROWS_PER_PRODUCT):
            q = quantize(emb[start:start + MAX_ROWS_PER_PRODUCT])
            self.count += len(q)
            self.total += q.sum(axis=0).astype(np.int64)
            self.gram += (q.T @ q).astype(np.int64)
        return self

    def merge(self, other: "GramSketch") -> "GramSketch":
        if other.dim != self.dim:
            raise ValueError(f"cannot merge sketches of dimension {self.dim} and {other.dim}")
        return GramSketch(self.dim, self.count + other.count, self.total + other.total, self.gram + other.gram)

    def moments(self) -> tuple[int, np.ndarray, np.ndarray]:
        """(n, sum vector, X^T X) back in float units."""
        return self.count, self.total / SCALE, self.gram / (SCALE * SCALE)


def sample_hash(sample_ids: list[str]) -> np.ndarray:
    return np.fromiter((int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")
                        for s in sample_ids), dtype=np.uint64, count=len(sample_ids))


@dataclass
class BottomKSketch:
    k: int
    dim: int
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    record: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    vectors: np.ndarray | None = None
    seen: int = 0

    def __post_init__(self):
        if self.vectors is None:
            self.vectors = np.zeros((0, self.dim))

    def _keep(self, keys, record, vectors, seen) -> "BottomKSketch":
        order = np.lexsort((record, keys))[: self.k]      # primary: key, then record index
        return BottomKSketch(self.k, self.dim, keys[order], record[order], vectors[order], seen)

    def add(self, sample_ids: list[str], record_index: list[int], emb: np.ndarray) -> "BottomKSketch":
        keys = np.concatenate([self.keys, sample_hash(sample_ids)])
        rec = np.concatenate([self.record, np.asarray(record_index, dtype=np.int64)])
        vec = np.concatenate([self.vectors, emb])
        return self._keep(keys, rec, vec, self.seen + len(sample_ids))

    def merge(self, other: "BottomKSketch") -> "BottomKSketch":
        return self._keep(np.concatenate([self.keys, other.keys]), np.concatenate([self.record, other.record]),
                          np.concatenate([self.vectors, other.vectors]), self.seen + other.seen)
