"""Setwise scorers: independent dense computations, and identical values however a dataset is sharded."""
import math
import random

import numpy as np
import pytest

from scoring import registry
from scoring.batch import SampleBatch
from scoring.runner import SuiteRunner
from scoring.setwise import diversity
from scoring.setwise.sketch import GramSketch
from scoring.suites import build_suite
from scoring.textstats import TextStats
from scoring_fixtures import SHARED, alpaca_rows, sample_row

HASHED_SET = ["vendi_score", "logdet_diversity", "pairwise_distance", "radius", "knn_novelty",
              "cluster_inertia", "partition_entropy", "near_duplicate_rate"]


def synthetic_rows(n, seed=0, dataset="syn"):
    rnd = random.Random(seed)
    vocab = [f"w{i}" for i in range(400)]
    rows = []
    for i in range(n):
        q = " ".join(rnd.choices(vocab[: 50 + i % 300], k=8 + i % 30))
        rows.append(sample_row(q, q[::-1], i, dataset))
    # a few exact and near duplicates
    for j in range(0, n // 10):
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


def _embed(rows):
    batch = SampleBatch.from_rows(rows)
    scorer = registry.create("vendi_score")
    return scorer.embed(batch, TextStats(batch)), batch


def test_moment_scores_equal_dense_n_by_n_computations():
    rows = synthetic_rows(300, seed=3)
    x, batch = _embed(rows)
    n = len(x)
    k = x @ x.T
    lam = np.linalg.eigvalsh(k / n)
    lam = lam[lam > 1e-12]
    vendi_dense = math.exp(-(lam * np.log(lam)).sum())
    pair_dense = (1 - k)[~np.eye(n, dtype=bool)].mean()
    radius_dense = math.sqrt(((x - x.mean(0)) ** 2).sum(1).mean())
    d = x.shape[1]
    logdet_dense = np.linalg.slogdet(np.eye(d) + d * x.T @ x / n)[1] / (d * math.log(2))
    got = {r["dimension"]: r["value"] for r in shard_values(rows, 1, ["vendi_score", "pairwise_distance", "radius",
                                                                     "logdet_diversity"])}
    assert got["q_vendi_score"] == pytest.approx(vendi_dense, rel=1e-3)
    assert got["q_pairwise_distance"] == pytest.approx(pair_dense, rel=1e-4)
    assert got["q_radius"] == pytest.approx(radius_dense, rel=1e-4)
    assert got["q_logdet_diversity"] == pytest.approx(logdet_dense, rel=1e-3)


def test_vendi_bounds_identical_vs_orthogonal():
    same = GramSketch(4).add(np.tile([[1.0, 0, 0, 0]], (10, 1)))
    ortho = GramSketch(4).add(np.eye(4))
    assert diversity.vendi(*same.moments()) == pytest.approx(1.0)
    assert diversity.vendi(*ortho.moments()) == pytest.approx(4.0)
    assert diversity.pairwise(*same.moments()) == pytest.approx(0.0)
    assert diversity.pairwise(*ortho.moments()) == pytest.approx(1.0)
    assert diversity.logdet(*ortho.moments()) == pytest.approx(1.0)


def test_knn_novelty_matches_brute_force():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 8))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    brute = []
    for i in range(len(x)):
        d = sorted(1 - x[i] @ x[j] for j in range(len(x)) if j != i)
        brute.append(np.mean(d[:5]))
    assert diversity.knn_novelty(x) == pytest.approx(np.mean(brute), rel=1e-12)


def test_kmeans_scores_on_separated_clusters():
    rng = np.random.default_rng(1)
    centers = np.eye(16)
    x = np.concatenate([c + 0.01 * rng.normal(size=(20, 16)) for c in centers])
    labels, inertia, c = diversity.kmeans(x)
    sklearn = pytest.importorskip("sklearn.cluster")
    ref = sklearn.KMeans(16, n_init=10, random_state=0).fit(x)
    assert inertia == pytest.approx(ref.inertia_ / len(x), rel=1e-6)
    assert diversity.partition_entropy(x) == pytest.approx(1.0)
    lopsided = np.concatenate([x, np.tile(centers[0], (300, 1))])
    assert diversity.partition_entropy(lopsided) < 0.8


def test_near_duplicate_rate_finds_planted_near_copies():
    rnd = random.Random(5)
    vocab = [f"t{i}" for i in range(5000)]
    rows = []
    for i in range(200):
        rows.append(sample_row(" ".join(rnd.choices(vocab, k=60)), "", i))
    for j in range(20):                       # 20 near copies: one word of 60 changed (Jaccard ~0.9)
        words = rows[j]["instruction_text"].split()
        words[30] = "changed"
        rows.append(sample_row(" ".join(words), "", 200 + j))
    rows.append(sample_row(rows[50]["instruction_text"], "", 999))   # one exact copy
    res = {r["dimension"]: r["value"] for r in shard_values(rows, 3, ["near_duplicate_rate"])}
    assert res["qa_near_duplicate_rate"] == pytest.approx(42 / len(rows), abs=2 / len(rows))
    assert res["qa_exact_duplicate_rate"] == pytest.approx(2 / len(rows))


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
