"""The setwise family: identical values however a dataset is sharded, and every setwise scorer of a
suite on an empty and a one-sample dataset. Each scorer's own values are tested in tests/scoring/setwise/."""
import math
import random

import numpy as np
import pytest

from scoring.batch import SampleBatch
from scoring.runner import SuiteRunner
from scoring.setwise import diversity
from scoring.suites import build_suite
from scoring_fixtures import SHARED, alpaca_rows, sample_row
from setwise_fixtures import shard_values, synthetic_rows

HASHED_SET = ["vendi_score", "logdet_diversity", "pairwise_distance", "radius", "knn_novelty",
              "cluster_inertia", "partition_entropy", "near_duplicate_rate"]


def test_setwise_identical_in_one_shard_and_four_shards_any_order():
    rows = synthetic_rows(2600)            # more than the bottom-2048 sample, so sampling is exercised
    random.Random(1).shuffle(rows)
    one = shard_values(rows, 1, HASHED_SET, batch_size=5000)
    four = shard_values(rows, 4, HASHED_SET)
    four_rev = shard_values(rows, 4, HASHED_SET, reverse_merge=True, batch_size=31)
    assert one == four == four_rev      # bit-identical, not approximately equal
    vals = {r["dimension"]: r for r in one}
    assert vals["q_knn_novelty"]["n_used"] == 2048 and vals["q_knn_novelty"]["n_samples"] == len(rows)
    assert vals["q_vendi_score"]["n_used"] == len(rows)


@pytest.mark.shared_data
@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present (CI provides it)")
def test_setwise_shard_invariance_on_real_data():
    rows = alpaca_rows(SHARED / "sdft/alpaca/alpaca_train.json", "alpaca")
    assert shard_values(rows, 1, HASHED_SET, batch_size=2000) == shard_values(rows, 4, HASHED_SET)


def test_demo_suite_setwise_runs_on_an_empty_and_a_single_sample_dataset():
    scorers = [s for s in build_suite("demo") if s.spec.kind == "setwise"]
    empty = SuiteRunner(scorers).set_table("e").to_pylist()
    assert all(r["value"] is None for r in empty)
    r = SuiteRunner(scorers)
    r.process(SampleBatch.from_rows([sample_row("only one question here", "answer")]))
    vals = {x["dimension"]: x["value"] for x in r.set_table("one").to_pylist()}
    assert vals["q_vendi_score"] == pytest.approx(1.0)
    assert vals["qa_near_duplicate_rate"] == 0


def test_minilm_embedding_diversity_matches_direct_encoding_and_shards():
    """embed_* scorers use the offline MiniLM; batched inference may differ in the last float bits
    with batch composition, so shardings agree to ~1e-6 rather than bit for bit."""
    from sentence_transformers import SentenceTransformer

    from common.local_models import minilm_dir

    rows = synthetic_rows(40, seed=9)
    names = ["embed_vendi_score", "embed_pairwise_distance", "embed_knn_novelty"]
    one = {r["dimension"]: r["value"] for r in shard_values(rows, 1, names, batch_size=100)}
    four = {r["dimension"]: r["value"] for r in shard_values(rows, 4, names, batch_size=7)}
    for k in one:
        assert four[k] == pytest.approx(one[k], rel=1e-6)
    x = SentenceTransformer(str(minilm_dir()), device="cpu").encode(
        [r["instruction_text"] for r in rows], normalize_embeddings=True).astype(np.float64)
    n = len(x)
    lam = np.linalg.eigvalsh(x @ x.T / n)
    lam = lam[lam > 1e-12]
    assert one["q_embed_vendi_score"] == pytest.approx(math.exp(-(lam * np.log(lam)).sum()), rel=1e-3)
    assert one["q_embed_pairwise_distance"] == pytest.approx((1 - x @ x.T)[~np.eye(n, dtype=bool)].mean(), rel=1e-4)
    assert one["q_embed_knn_novelty"] == pytest.approx(diversity.knn_novelty(x), rel=1e-4)


def test_the_embedder_is_part_of_a_diversity_scorers_identity():
    """Scorers of one class on different embedders (or sentence models) must not share a worker's runner."""
    from engine.scoring import _suite_key
    from scoring import registry
    from scoring.setwise.embedders import HASHED_NGRAMS

    keys = {_suite_key([registry.create(name, **kw)]) for name, kw in [
        ("embed_radius", {}), ("embed_radius", {"embedder": HASHED_NGRAMS}),
        ("embed_radius", {"model": "another/sentence-model"}), ("radius", {})]}
    assert len(keys) == 4
