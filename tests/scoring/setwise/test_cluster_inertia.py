import numpy as np
import pytest

from scoring.setwise import diversity


def test_kmeans_inertia_on_separated_clusters_equals_sklearn():
    rng = np.random.default_rng(1)
    x = np.concatenate([c + 0.01 * rng.normal(size=(20, 16)) for c in np.eye(16)])
    _, inertia, _ = diversity.kmeans(x)
    sklearn = pytest.importorskip("sklearn.cluster")
    ref = sklearn.KMeans(16, n_init=10, random_state=0).fit(x)
    assert inertia == pytest.approx(ref.inertia_ / len(x), rel=1e-6)
    assert diversity.cluster_inertia(x) == inertia
