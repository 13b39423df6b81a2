"""Helpers for setwise scorer tests: synthetic datasets, sharded scoring, a batch's hashed embeddings."""
from __future__ import annotations

import random

import numpy as np
from scoring_fixtures import sample_row

from scoring import registry
from scoring.batch import SampleBatch
from scoring.runner import SuiteRunner
from scoring.textstats import TextStats


def synthetic_rows(n, seed=0, dataset="syn"):
    rnd = random.Random(seed)
    vocab = [f"w{i}" for i in range(400)]
    rows = []
    for i in range(n):
        q = " ".join(rnd.choices(vocab[: 50 + i % 300], k=8 + i % 30))
        rows.append(sample_row(q, q[::-1], i, dataset))
    # a few exact and near duplicates
    for j in range(n // 10):
        src = rows[j]
        rows.append(sample_row(src["instruction_text"], src["response_text"], n + j, dataset))
    return rows


def shard_values(rows, n_shards, scorers_names, reverse_merge=False, batch_size=97):
    """Score `rows` split into contiguous shards, each by its own runner, then merge the runners."""
    shards = np.array_split(np.arange(len(rows)), n_shards)
    runners = []
    for idx in shards:
        r = SuiteRunner([registry.create(n) for n in scorers_names])
        part = [rows[i] for i in idx]
        for s in range(0, len(part), batch_size):
            r.process(SampleBatch.from_rows(part[s:s + batch_size]))
        runners.append(r)
    if reverse_merge:
        runners = runners[::-1]
    head = runners[0]
    for other in runners[1:]:
        head.merge(other)
    return head.set_table("d").to_pylist()


def hashed_embeddings_of(rows):
    """The instruction side's hashed n-gram embeddings, as the hashed diversity scorers see them."""
    batch = SampleBatch.from_rows(rows)
    scorer = registry.create("vendi_score")
    return scorer.embed(batch, TextStats(batch)), batch
