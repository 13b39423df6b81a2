"""Dataset diversity over text embeddings, shared by the diversity scorers: Vendi score, log-det
diversity, average pairwise distance, radius (exact, from moments), and kNN novelty, k-means inertia,
partition entropy (on a bottom-k sample).

Every score exists twice: on model-free hashed n-gram embeddings (`vendi_score.py`, ..., category
heuristic) and on MiniLM sentence embeddings (`embed_vendi_score.py`, ..., category model-based);
the two differ only in the embedder they are given. Rows are unit vectors, so cosine similarity is
a dot product and all moment-based scores follow from n, sum(x) and X^T X (see `sketch.py`):

- Vendi score (Friedman & Dieng, 2023) with the cosine kernel K = X X^T: exp of the Shannon entropy of
  the eigenvalues of K / n, which are the eigenvalues of X^T X / n (d x d, not n x n). The "effective
  number of distinct samples", between 1 and min(n, d).
- log-det diversity: log det(I + d * X^T X / n) / (d * ln 2): 1 when the embeddings spread evenly over
  all d directions, about ln(1 + d) / (d ln 2) when every sample is the same.
- average pairwise cosine distance over ordered pairs i != j: 1 - (|sum x|^2 - sum |x|^2) / (n (n - 1)).
- radius: root-mean-square distance to the centroid, sqrt(sum |x|^2 / n - |sum x / n|^2).
- kNN novelty: mean cosine distance of a sample to its 5 nearest neighbours within the bottom-k
  sample (K = 2048). Computing it on a fixed-size uniform sample also makes datasets of different
  sizes comparable (neighbour distances shrink as a set grows).
- cluster inertia / partition entropy: k-means (16 clusters, k-means++ seeded with 0, 50 Lloyd steps)
  on the bottom-k sample: mean squared distance to the assigned centroid, and the entropy of the
  cluster sizes divided by ln(16) (1 = samples spread evenly over clusters).
Sample-based scores are means over K samples, so their standard error is about std / sqrt(K).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from scoring.api import Dimension, ScorerSpec, SetResult, SetwiseScorer
from scoring.setwise.embedders import HASHED_NGRAMS, Embedder
from scoring.setwise.sketch import BottomKSketch, GramSketch

SAMPLE_K = 2048
KNN_K = 5
CLUSTERS = 16


class EmbeddingSetScorer(SetwiseScorer):
    """A setwise scorer over embeddings of one side. The class's `embedder` is the default; the
    `embedder` argument replaces it, and `model` names another sentence model for a model-based one."""

    embedder: Embedder = HASHED_NGRAMS

    def __init__(self, side=None, model: str = "minilm", embedder: Embedder | None = None, **params):
        super().__init__(side, **params)
        self.model = model
        self.embedder = embedder or self.embedder.with_model(model)
        self.params["embedder"] = self.embedder      # part of the scorer's identity (engine worker caches)

    @property
    def dim(self) -> int:
        return self.embedder.dim

    def embed(self, batch, stats) -> np.ndarray:
        return self.embedder.embed(stats, self.side)


class MomentScorer(EmbeddingSetScorer):
    def init_state(self):
        return GramSketch(self.dim)

    def update(self, state, batch, stats):
        return state.add(self.embed(batch, stats)) if len(batch) else state

    def merge(self, a, b):
        return a.merge(b)

    def finalize(self, state) -> SetResult:
        n, total, gram = state.moments()
        value = self.from_moments(n, total, gram) if n else math.nan
        return SetResult({self.spec.dimensions[0].name: float(value)}, n, n,
                         "exact over the whole dataset (fixed-point moments, embeddings rounded to 2^-15)")

    def from_moments(self, n: int, total: np.ndarray, gram: np.ndarray) -> float:
        raise NotImplementedError


class SampleScorer(EmbeddingSetScorer):
    def init_state(self):
        return BottomKSketch(SAMPLE_K, self.dim)

    def update(self, state, batch, stats):
        return state.add(batch.sample_id, batch.record_index, self.embed(batch, stats)) if len(batch) else state

    def merge(self, a, b):
        return a.merge(b)

    def finalize(self, state) -> SetResult:
        x = state.vectors
        value = self.from_sample(x) if len(x) else math.nan
        exact = state.seen <= SAMPLE_K
        method = ("exact: the whole dataset fits the sample" if exact else
                  f"bottom-{SAMPLE_K} sample by sample_id hash (uniform, shard-invariant); "
                  f"standard error ~ std/sqrt({SAMPLE_K})")
        return SetResult({self.spec.dimensions[0].name: float(value)}, state.seen, len(x), method)

    def from_sample(self, x: np.ndarray) -> float:
        raise NotImplementedError


@dataclass(frozen=True)
class Measure:
    """What a diversity score means, shared by its hashed and its model-embedding scorer."""

    description: str
    dimension: str
    range: tuple[float, float]


def setwise_spec(name: str, measure: Measure, embedder: Embedder = HASHED_NGRAMS) -> ScorerSpec:
    """The spec of a diversity scorer: one dimension named like the scorer, higher is more diverse."""
    return ScorerSpec(name=name, version="1", category="model-based" if embedder.model else "heuristic",
                      kind="setwise", description=measure.description,
                      dimensions=(Dimension(name, measure.dimension, True, measure.range),),
                      sides=("Q", "A", "QA"), model=embedder.model)


def vendi(n, total, gram) -> float:
    trace = np.trace(gram)
    if trace <= 0:
        return math.nan
    lam = np.clip(np.linalg.eigvalsh(gram / trace), 0.0, None)
    lam = lam[lam > 1e-12]
    return float(np.exp(-(lam * np.log(lam)).sum()))


def logdet(n, total, gram) -> float:
    d = gram.shape[0]
    sign, value = np.linalg.slogdet(np.eye(d) + d * gram / n)
    return float(value / (d * math.log(2.0)))


def pairwise(n, total, gram) -> float:
    if n < 2:
        return math.nan
    return float(1.0 - (total @ total - np.trace(gram)) / (n * (n - 1)))


def radius(n, total, gram) -> float:
    mean = total / n
    return float(math.sqrt(max(np.trace(gram) / n - mean @ mean, 0.0)))


def knn_novelty(x: np.ndarray, k: int = KNN_K) -> float:
    if len(x) < 2:
        return math.nan
    k = min(k, len(x) - 1)
    dist = 1.0 - x @ x.T
    np.fill_diagonal(dist, np.inf)
    nearest = np.partition(dist, k - 1, axis=1)[:, :k]
    return float(nearest.mean())


def kmeans(x: np.ndarray, clusters: int = CLUSTERS, steps: int = 50, seed: int = 0):
    """Deterministic k-means (k-means++ init from a fixed seed); returns (labels, mean sq. distance)."""
    c = min(clusters, len(x))
    rng = np.random.default_rng(seed)
    centers = [x[rng.integers(len(x))]]
    d2 = ((x - centers[0]) ** 2).sum(1)
    for _ in range(1, c):
        probs = d2 / d2.sum() if d2.sum() > 0 else np.full(len(x), 1.0 / len(x))
        centers.append(x[rng.choice(len(x), p=probs)])
        d2 = np.minimum(d2, ((x - centers[-1]) ** 2).sum(1))
    centers = np.stack(centers)
    labels = np.zeros(len(x), dtype=np.intp)
    for _ in range(steps):
        dist = ((x[:, None, :] - centers[None, :, :]) ** 2).sum(-1) if len(x) * c * x.shape[1] < 5e7 else \
            (x * x).sum(1)[:, None] - 2 * x @ centers.T + (centers * centers).sum(1)[None, :]
        new_labels = dist.argmin(1)
        if _ and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        for j in range(c):
            members = x[labels == j]
            if len(members):
                centers[j] = members.mean(0)
    inertia = float(((x - centers[labels]) ** 2).sum(1).mean())
    return labels, inertia, c


def cluster_inertia(x) -> float:
    return kmeans(x)[1]


def partition_entropy(x) -> float:
    labels, _, c = kmeans(x)
    if c < 2:
        return math.nan
    p = np.bincount(labels, minlength=c) / len(labels)
    p = p[p > 0]
    return float(-(p * np.log(p)).sum() / math.log(c))


VENDI = Measure("Vendi score (cosine kernel), exact", "effective number of distinct samples", (1, float("inf")))
LOGDET = Measure("log det(I + d X^T X / n) / (d ln 2), exact", "1 = evenly spread over all directions", (0, 1))
PAIRWISE = Measure("average pairwise cosine distance, exact", "mean 1 - cos over pairs", (0, 2))
RADIUS = Measure("RMS distance to the centroid, exact", "root-mean-square distance to the centroid", (0, 1))
KNN = Measure("mean cosine distance to 5 nearest neighbours (bottom-2048 sample)", "mean 5-NN cosine distance",
              (0, 2))
INERTIA = Measure("k-means(16) inertia on the bottom-2048 sample", "mean squared distance to the centroid", (0, 4))
PARTITION = Measure("normalized entropy of k-means(16) cluster sizes", "1 = even clusters", (0, 1))
