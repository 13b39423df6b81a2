"""Predicted value: leave-one-dataset-out error, the predict-the-mean baseline and intervals, on
constructed datasets whose answers are known."""
import math

import numpy as np
import pytest

from results.predicted_value import conformal_halfwidth, fit_ridge, predict_setup, predictions_table


def _setup(n=20, seed=0, slope=2.0, noise=0.1):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    y = slope * x[:, 0] + noise * rng.normal(size=n)
    return x, y


def test_lodo_predictions_are_refits_without_the_dataset():
    x, y = _setup()
    ids = [f"d{i}" for i in range(len(y))]
    preds, summary = predict_setup(ids, x, [float(v) for v in y])
    assert summary["n_train"] == 20 and not any(p.is_predicted for p in preds)
    for i, p in enumerate(preds):
        rest = np.delete(np.arange(20), i)
        refit = fit_ridge(x[rest], y[rest])
        assert p.predicted_gain == pytest.approx(refit.predict(x[i:i + 1])[0])
        assert p.baseline_gain == pytest.approx(y[rest].mean())       # the mean of the others, not of all
    model_mae = np.mean([abs(p.observed_gain - p.predicted_gain) for p in preds])
    base_mae = np.mean([abs(p.observed_gain - p.baseline_gain) for p in preds])
    assert model_mae < 0.3 * base_mae       # the fingerprint carries the gain here


def test_an_uninformative_fingerprint_does_not_beat_the_mean_by_much():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(30, 4))
    y = rng.normal(size=30)                 # gains unrelated to the fingerprint
    preds, _ = predict_setup([str(i) for i in range(30)], x, [float(v) for v in y])
    model_mae = np.mean([abs(p.observed_gain - p.predicted_gain) for p in preds])
    base_mae = np.mean([abs(p.observed_gain - p.baseline_gain) for p in preds])
    assert model_mae > 0.9 * base_mae


def test_unmeasured_datasets_are_predicted_with_an_interval():
    x, y = _setup(n=25, noise=0.2)
    gains = [float(v) for v in y[:20]] + [None] * 5
    preds, summary = predict_setup([str(i) for i in range(25)], x, gains)
    predicted = [p for p in preds if p.is_predicted]
    assert [p.dataset_id for p in predicted] == ["20", "21", "22", "23", "24"]
    for p in predicted:
        assert p.interval_low < p.predicted_gain < p.interval_high
        assert p.interval_high - p.interval_low == pytest.approx(2 * summary["interval_halfwidth"])
        assert abs(p.predicted_gain - y[int(p.dataset_id)]) < 1.0
    held = [p for p in preds if not p.is_predicted]
    inside = np.mean([p.interval_low <= p.observed_gain <= p.interval_high for p in held])
    assert inside >= 0.9


def test_conformal_halfwidth_and_too_few():
    assert conformal_halfwidth(np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]), 0.8) == 9.0
    assert math.isinf(conformal_halfwidth(np.array([1.0, 2.0]), 0.9))
    preds, summary = predict_setup(["a", "b", "c"], np.zeros((3, 1)), [1.0, 2.0, 3.0])
    assert preds == [] and "fewer than" in summary["reason"]


def test_missing_values_and_long_rows():
    """Long rows (as the dbt model gives them) become one prediction per setup and dataset; a
    dimension most datasets lack is not used."""
    x, y = _setup(n=12)
    rows = []
    for i in range(12):
        for j in range(3):
            rows.append({"source": "s", "base_model": "m", "protocol_id": "p", "feature_space": "f",
                         "dataset_id": f"d{i}", "dimension": f"x{j}", "value": float(x[i, j]),
                         "gain": float(y[i]) if i < 10 else None})
        if i == 0:
            rows.append({"source": "s", "base_model": "m", "protocol_id": "p", "feature_space": "f",
                         "dataset_id": "d0", "dimension": "rare", "value": 100.0, "gain": float(y[0])})
    out = predictions_table(rows)
    assert len(out) == 12 and sum(r["is_predicted"] for r in out) == 2
    assert {r["n_features"] for r in out} == {3}
