import numpy as np
import pytest

from scoring.setwise import diversity


def test_knn_novelty_matches_brute_force():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 8))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    brute = []
    for i in range(len(x)):
        d = sorted(1 - x[i] @ x[j] for j in range(len(x)) if j != i)
        brute.append(np.mean(d[:5]))
    assert diversity.knn_novelty(x) == pytest.approx(np.mean(brute), rel=1e-12)
