"""The domain classifier's model, metrics and leave-one-family-out evaluation on constructed data."""
import numpy as np
import pytest

from scoring.domains import model as domain_model
from scoring.domains.evaluation import accuracy, leave_one_family_out, macro_f1
from scoring.domains.keywords import keyword_domain
from scoring.domains.labels import domain_class, source_family


def _clusters(rng, centers: dict[str, np.ndarray], per: int, noise: float = 0.3):
    x, y = [], []
    for label, c in centers.items():
        x.append(c + noise * rng.normal(size=(per, len(c))))
        y += [label] * per
    return np.vstack(x), y


def test_fit_separates_classes_and_roundtrips(tmp_path):
    rng = np.random.default_rng(0)
    centers = {"math": np.array([3.0, 0, 0]), "code": np.array([0, 3.0, 0]), "general": np.array([0, 0, 3.0])}
    x, y = _clusters(rng, centers, 60)
    m = domain_model.fit(x, y)
    guess, conf = m.predict(np.vstack(list(centers.values())))
    assert guess == list(centers)
    assert (conf > 0.8).all() and (conf <= 1).all()
    m.provenance["trained_at"] = "t"
    loaded = domain_model.DomainModel.load(m.save(tmp_path / "m.json"))
    assert loaded.classes == m.classes and loaded.provenance["trained_at"] == "t"
    np.testing.assert_allclose(loaded.probabilities(x), m.probabilities(x), atol=1e-4)


def test_balanced_weights_keep_a_small_class():
    """A class with 10 rows against one with 500 is still predicted on its own ground."""
    rng = np.random.default_rng(1)
    big = np.array([1.0, 0.0]) + 0.5 * rng.normal(size=(500, 2))
    small = np.array([-1.0, 0.0]) + 0.5 * rng.normal(size=(10, 2))
    m = domain_model.fit(np.vstack([big, small]), ["general"] * 500 + ["tool_use"] * 10)
    assert m.predict(np.array([[-1.0, 0.0]]))[0] == ["tool_use"]


def test_metrics():
    truth = ["a", "a", "b", "b"]
    assert accuracy(truth, ["a", "b", "b", "b"]) == 0.75
    # a: tp 1 fp 0 fn 1 -> 2/3; b: tp 2 fp 1 fn 0 -> 4/5
    assert macro_f1(truth, ["a", "b", "b", "b"]) == pytest.approx((2 / 3 + 4 / 5) / 2)
    assert macro_f1(truth, ["c", "c", "c", "c"]) == 0.0


def test_leave_one_family_out_never_sees_the_held_out_family():
    """Each fit sees every family but the one it then predicts (column 0 carries the family's number)."""
    rng = np.random.default_rng(2)
    sources = ["gsm8k_train", "gsm8k_test", "math500", "mbpp", "humaneval_shared"]
    labels_of = {"gsm8k_train": "math", "gsm8k_test": "math", "math500": "math", "mbpp": "code",
                 "humaneval_shared": "code"}
    families = [source_family(s) for s in sources]
    fam_no = {f: i for i, f in enumerate(dict.fromkeys(families))}
    x, labels, srcs, fams = [], [], [], []
    for s, f in zip(sources, families):
        centre = [3.0, 0.0] if labels_of[s] == "math" else [-3.0, 0.0]
        pts = np.array(centre) + 0.2 * rng.normal(size=(15, 2))
        x.append(np.column_stack([np.full(15, fam_no[f]), pts]))
        labels += [labels_of[s]] * 15
        srcs += [s] * 15
        fams += [f] * 15
    x = np.vstack(x)
    seen = []

    def spy_fit(emb, lab):
        seen.append(set(emb[:, 0].astype(int)))
        return domain_model.fit(emb[:, 1:], lab)

    class Dropped:
        def __init__(self, m):
            self.m = m

        def predict(self, emb):
            return self.m.predict(emb[:, 1:])

    held = leave_one_family_out(x, labels, srcs, fams, ["q"] * len(labels), lambda e, lab: Dropped(spy_fit(e, lab)),
                                lambda texts: ["general"] * len(texts))
    assert len(seen) == 4   # gsm8k_train and gsm8k_test are one family
    assert seen == [set(fam_no.values()) - {k} for k in fam_no.values()]
    summary = held.summary()
    assert summary["classifier"]["accuracy"] == 1.0 and summary["classifier"]["macro_f1"] == 1.0
    assert summary["keyword_baseline"]["accuracy"] == 0.0
    assert summary["by_source"]["gsm8k_test"]["family"] == "gsm8k"


def test_keywords_and_labels():
    assert keyword_domain("Write a Python function that returns the sum") == "code"
    assert keyword_domain("Solve the equation 3x + 2 = 11") == "math"
    assert keyword_domain("Tell me a story about a dragon") == "general"
    assert domain_class("truthfulness") == "knowledge" and domain_class("reasoning") is None
    assert source_family("gsm8k_test") == source_family("gsm8k_train_sdft") != source_family("math500")
    assert source_family("not_listed") == "not_listed"
