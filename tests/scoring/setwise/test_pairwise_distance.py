import numpy as np
import pytest
from setwise_fixtures import hashed_embeddings_of, shard_values, synthetic_rows

from scoring.setwise import diversity
from scoring.setwise.sketch import GramSketch


def test_equals_the_dense_mean_over_ordered_pairs():
    rows = synthetic_rows(300, seed=3)
    x, _ = hashed_embeddings_of(rows)
    n = len(x)
    got = {r["dimension"]: r["value"] for r in shard_values(rows, 1, ["pairwise_distance"])}
    assert got["q_pairwise_distance"] == pytest.approx((1 - x @ x.T)[~np.eye(n, dtype=bool)].mean(), rel=1e-4)


def test_bounds_identical_vs_orthogonal():
    same = GramSketch(4).add(np.tile([[1.0, 0, 0, 0]], (10, 1)))
    ortho = GramSketch(4).add(np.eye(4))
    assert diversity.pairwise(*same.moments()) == pytest.approx(0.0)
    assert diversity.pairwise(*ortho.moments()) == pytest.approx(1.0)
