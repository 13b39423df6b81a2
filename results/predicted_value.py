"""Predicted value: a dataset's gain over the base model, predicted from its fingerprint.

For one setup (base model and protocol, with one kind of fingerprint: ODA's published score summaries,
or the arena's own ingest and scoring dimensions), datasets with a measured gain train a ridge
regression on their standardized fingerprint. Its error is measured leave-one-dataset-out (each
dataset predicted by a model fitted without it, the ridge penalty chosen inside that fit), beside the
baseline that predicts the mean gain of the other datasets. Datasets without a training run get the
model fitted on all measured datasets, with an interval from the leave-one-out residuals: the
split-conformal quantile of their absolute values, so about `level` of held-out gains fell inside it.

Missing fingerprint values are filled with the training mean; a dimension is used when at least half
of the training datasets have it and it varies among them. Standardized values are clipped to
+-3 training standard deviations: with few training datasets a dimension can barely vary among them,
and a held-out value far outside that range would otherwise dominate the prediction.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

ALPHAS = (0.1, 1.0, 10.0, 100.0, 1000.0, 10000.0)
CLIP = 3.0
MIN_TRAIN = 4
LEVEL = 0.9


@dataclass
class Ridge:
    columns: np.ndarray     # indices of the dimensions used
    center: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    alpha: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        z = _standardize(x[:, self.columns], self.center, self.scale)
        return z @ self.coef + self.intercept


def _standardize(x: np.ndarray, center: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return np.clip(np.where(np.isnan(x), 0.0, (x - center) / scale), -CLIP, CLIP)


def _gcv_loo_error(z: np.ndarray, yc: np.ndarray, alpha: float) -> float:
    """Exact leave-one-out squared error of ridge on centred data (hat-matrix shortcut)."""
    n = len(yc)
    hat = z @ np.linalg.solve(z.T @ z + alpha * np.eye(z.shape[1]), z.T) if z.shape[1] else np.zeros((n, n))
    hat = hat + 1.0 / n  # the intercept
    resid = (yc - (hat - 1.0 / n) @ yc) / np.clip(1 - np.diag(hat), 1e-9, None)
    return float(np.mean(resid ** 2))


def fit_ridge(x: np.ndarray, y: np.ndarray, alphas=ALPHAS) -> Ridge:
    """Ridge on the usable, standardized columns of `x`, its penalty chosen by exact leave-one-out error."""
    present = ~np.isnan(x)
    with warnings.catch_warnings():   # a column without values has no mean: it is dropped below
        warnings.simplefilter("ignore", RuntimeWarning)
        center = np.nanmean(x, axis=0)
        spread = np.nanstd(x, axis=0)
    usable = np.flatnonzero((present.mean(axis=0) >= 0.5) & np.nan_to_num(spread > 1e-12))
    center, scale = center[usable], spread[usable]
    z = _standardize(x[:, usable], center, scale)
    mean = float(y.mean())
    yc = y - mean
    alpha = min(alphas, key=lambda a: _gcv_loo_error(z, yc, a))
    coef = np.linalg.solve(z.T @ z + alpha * np.eye(len(usable)), z.T @ yc) if len(usable) else np.zeros(0)
    return Ridge(usable, center, scale, coef, mean, alpha)


@dataclass
class Prediction:
    dataset_id: str
    observed_gain: float | None
    predicted_gain: float         # the leave-one-out prediction where a gain was observed
    baseline_gain: float          # the mean of the other datasets' gains (all of them where none observed)
    interval_low: float | None
    interval_high: float | None

    @property
    def is_predicted(self) -> bool:
        return self.observed_gain is None


def conformal_halfwidth(abs_residuals: np.ndarray, level: float = LEVEL) -> float:
    """The ceil((n+1) level)-th smallest absolute residual (infinite when n is too small for `level`)."""
    n = len(abs_residuals)
    k = math.ceil((n + 1) * level)
    return float(np.sort(abs_residuals)[k - 1]) if 0 < k <= n else math.inf


def predict_setup(dataset_ids: list[str], x: np.ndarray, gains: list[float | None],
                  level: float = LEVEL) -> tuple[list[Prediction], dict]:
    """Leave-one-dataset-out predictions of the measured datasets and predictions of the others.

    `x` holds one row of fingerprint values (NaN where missing) per dataset; `gains` the measured gain
    or None. Returns the predictions and the fit's summary (or `reason` when there are too few
    measured datasets to fit).
    """
    observed = np.array([g is not None for g in gains])
    y = np.array([g if g is not None else np.nan for g in gains], dtype=float)
    train = np.flatnonzero(observed)
    if len(train) < MIN_TRAIN:
        return [], {"n_train": int(len(train)), "reason": f"fewer than {MIN_TRAIN} datasets with a measured gain"}
    loo = np.zeros(len(train))
    base = np.zeros(len(train))
    alphas = []
    for j, i in enumerate(train):
        rest = np.delete(train, j)
        model = fit_ridge(x[rest], y[rest])
        loo[j] = model.predict(x[i:i + 1])[0]
        base[j] = y[rest].mean()
        alphas.append(model.alpha)
    # None when too few datasets were held out to bound `level` of them
    halfwidth = conformal_halfwidth(np.abs(y[train] - loo), level)
    low = (lambda v: None) if math.isinf(halfwidth) else (lambda v: float(v - halfwidth))
    high = (lambda v: None) if math.isinf(halfwidth) else (lambda v: float(v + halfwidth))
    final = fit_ridge(x[train], y[train])
    out = []
    for j, i in enumerate(train):
        out.append(Prediction(dataset_ids[i], float(y[i]), float(loo[j]), float(base[j]),
                              low(loo[j]), high(loo[j])))
    rest = np.flatnonzero(~observed)
    if len(rest):
        pred = final.predict(x[rest])
        for k, i in enumerate(rest):
            out.append(Prediction(dataset_ids[i], None, float(pred[k]), float(y[train].mean()),
                                  low(pred[k]), high(pred[k])))
    summary = {"n_train": int(len(train)), "n_features": int(len(final.columns)), "alpha": final.alpha,
               "loo_alphas": alphas, "interval_halfwidth": None if math.isinf(halfwidth) else halfwidth, "level": level}
    return out, summary


def predictions_table(rows: list[dict], level: float = LEVEL) -> list[dict]:
    """Predictions for long rows (setup keys, feature_space, dataset_id, dimension, value, gain): one
    output row per setup and dataset, for every setup with enough measured datasets."""
    setups: dict[tuple, dict] = {}
    for r in rows:
        key = (r["source"], r["base_model"], r["protocol_id"], r["feature_space"])
        s = setups.setdefault(key, {"values": {}, "gains": {}, "dims": {}})
        s["gains"].setdefault(r["dataset_id"], r["gain"])
        if r["dimension"] is not None and r["value"] is not None and math.isfinite(r["value"]):
            s["values"][(r["dataset_id"], r["dimension"])] = r["value"]
            s["dims"].setdefault(r["dimension"], len(s["dims"]))
    out = []
    for (source, base_model, protocol_id, space), s in sorted(setups.items()):
        ids = sorted(s["gains"])
        x = np.full((len(ids), len(s["dims"])), np.nan)
        for i, d in enumerate(ids):
            for dim, j in s["dims"].items():
                x[i, j] = s["values"].get((d, dim), np.nan)
        preds, summary = predict_setup(ids, x, [s["gains"][d] for d in ids], level)
        for p in preds:
            out.append({"source": source, "base_model": base_model, "protocol_id": protocol_id,
                        "feature_space": space, "dataset_id": p.dataset_id, "observed_gain": p.observed_gain,
                        "predicted_gain": p.predicted_gain, "baseline_gain": p.baseline_gain,
                        "interval_low": p.interval_low, "interval_high": p.interval_high,
                        "interval_level": level, "is_predicted": p.is_predicted,
                        "n_train": summary["n_train"], "n_features": summary["n_features"],
                        "ridge_alpha": summary["alpha"]})
    return out
