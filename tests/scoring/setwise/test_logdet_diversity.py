import math

import numpy as np
import pytest
from setwise_fixtures import hashed_embeddings_of, shard_values, synthetic_rows

from scoring.setwise import diversity
from scoring.setwise.sketch import GramSketch


def test_equals_the_dense_log_determinant():
    rows = synthetic_rows(300, seed=3)
    x, _ = hashed_embeddings_of(rows)
    n, d = x.shape
    dense = np.linalg.slogdet(np.eye(d) + d * x.T @ x / n)[1] / (d * math.log(2))
    got = {r["dimension"]: r["value"] for r in shard_values(rows, 1, ["logdet_diversity"])}
    assert got["q_logdet_diversity"] == pytest.approx(dense, rel=1e-3)


def test_evenly_spread_orthogonal_vectors_score_one():
    assert diversity.logdet(*GramSketch(4).add(np.eye(4)).moments()) == pytest.approx(1.0)
