import math

import numpy as np
import pytest
from setwise_fixtures import hashed_embeddings_of, shard_values, synthetic_rows

from scoring.setwise import diversity
from scoring.setwise.sketch import GramSketch


def test_equals_the_dense_n_by_n_eigenvalue_entropy():
    rows = synthetic_rows(300, seed=3)
    x, _ = hashed_embeddings_of(rows)
    lam = np.linalg.eigvalsh(x @ x.T / len(x))
    lam = lam[lam > 1e-12]
    got = {r["dimension"]: r["value"] for r in shard_values(rows, 1, ["vendi_score"])}
    assert got["q_vendi_score"] == pytest.approx(math.exp(-(lam * np.log(lam)).sum()), rel=1e-3)


def test_bounds_identical_vs_orthogonal():
    same = GramSketch(4).add(np.tile([[1.0, 0, 0, 0]], (10, 1)))
    ortho = GramSketch(4).add(np.eye(4))
    assert diversity.vendi(*same.moments()) == pytest.approx(1.0)
    assert diversity.vendi(*ortho.moments()) == pytest.approx(4.0)
