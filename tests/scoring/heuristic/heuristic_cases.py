"""Helpers for the heuristic scorers' tests: score one sample or a batch, build word-statistics texts."""
from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest
from scoring_fixtures import sample_row

from scoring import registry
from scoring.batch import SampleBatch
from scoring.textstats import TextStats, words_of


def run(name, q="", a="", side=None, **kw):
    """Score one sample with scorer `name`; returns {dimension: value}."""
    scorer = registry.create(name, side=side, **kw)
    scorer.ensure_ready()
    batch = SampleBatch.from_rows([sample_row(q, a)])
    res = scorer.score(batch, TextStats(batch))
    return {k: float(v[0]) for k, v in res.values.items()}


def run_many(name, rows, side=None):
    batch = SampleBatch.from_rows(rows)
    return registry.create(name, side=side).score(batch, TextStats(batch)).values


def approx(x):
    return pytest.approx(x, rel=1e-9, abs=1e-12)


def close(got, want):
    """NaN in the same places, equal to 1e-12 elsewhere."""
    want = np.array(want, dtype=float)
    assert np.array_equal(np.isnan(got), np.isnan(want))
    assert np.allclose(got[~np.isnan(got)], want[~np.isnan(want)], rtol=1e-12, atol=1e-12)


class WordStatsCase:
    """150 random samples of every length (empty to 120 words) from a small vocabulary, for checking a
    scorer's NumPy batch path against the plain per-text Counter definition."""

    def __init__(self):
        rnd = random.Random(11)
        vocab = ["the", "a", "cat", "is", "on", "mat", "dog", "ran", "x", "y", "z"] + [f"w{i}" for i in range(60)]
        self.rows = [sample_row(" ".join(rnd.choices(vocab, k=rnd.randint(0, 12))),
                                " ".join(rnd.choices(vocab[: rnd.randint(2, len(vocab))], k=rnd.randint(0, 120))), i)
                     for i in range(150)]
        self.batch = SampleBatch.from_rows(self.rows)
        self.stats = TextStats(self.batch)
        self.words = [words_of(r["response_text"]) for r in self.rows]
        self.qwords = [words_of(r["instruction_text"]) for r in self.rows]

    def grams(self, n: int) -> list[Counter]:
        return [Counter(zip(*(w[i:] for i in range(n)))) for w in self.words]

    def values(self, name, side=None):
        return registry.create(name, side=side).score(self.batch, self.stats).values
