import math

import pytest
from setwise_fixtures import hashed_embeddings_of, shard_values, synthetic_rows


def test_equals_the_dense_rms_distance_to_the_centroid():
    rows = synthetic_rows(300, seed=3)
    x, _ = hashed_embeddings_of(rows)
    got = {r["dimension"]: r["value"] for r in shard_values(rows, 1, ["radius"])}
    assert got["q_radius"] == pytest.approx(math.sqrt(((x - x.mean(0)) ** 2).sum(1).mean()), rel=1e-4)
