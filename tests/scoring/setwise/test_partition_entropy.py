import numpy as np
import pytest

from scoring.setwise import diversity


def test_even_clusters_score_one_and_a_lopsided_set_less():
    rng = np.random.default_rng(1)
    centers = np.eye(16)
    x = np.concatenate([c + 0.01 * rng.normal(size=(20, 16)) for c in centers])
    assert diversity.partition_entropy(x) == pytest.approx(1.0)
    lopsided = np.concatenate([x, np.tile(centers[0], (300, 1))])
    assert diversity.partition_entropy(lopsided) < 0.8
