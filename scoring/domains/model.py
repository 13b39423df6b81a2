"""Multinomial logistic regression over sentence embeddings, small enough to ship as JSON.

Fitted with L-BFGS (scipy) on the softmax cross-entropy plus an L2 penalty, each class weighted by
the inverse of its share so a class of few sources counts as much as one of many samples. The
classes are whichever labels the training rows carry; a model never predicts a class it has not
seen. The saved file holds the weights and the provenance a reader needs to trust it: the embedder,
the text recipe, the sources and sample counts it was trained on, and its held-out scores.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp, softmax


@dataclass
class DomainModel:
    classes: list[str]
    weights: np.ndarray          # (dim, n_classes)
    bias: np.ndarray             # (n_classes,)
    provenance: dict = field(default_factory=dict)

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        return softmax(np.asarray(embeddings) @ self.weights + self.bias, axis=1)

    def predict(self, embeddings: np.ndarray) -> tuple[list[str], np.ndarray]:
        """The most probable class of each row and its probability (the confidence)."""
        if len(embeddings) == 0:
            return [], np.zeros(0)
        p = self.probabilities(embeddings)
        top = p.argmax(axis=1)
        return [self.classes[i] for i in top], p[np.arange(len(p)), top]

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = {"classes": self.classes, "bias": self.bias.round(6).tolist(),
               "weights": self.weights.round(6).tolist(), "provenance": self.provenance}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc, indent=1))
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, path: Path) -> "DomainModel":
        doc = json.loads(Path(path).read_text())
        return cls(doc["classes"], np.array(doc["weights"], dtype=np.float64), np.array(doc["bias"], dtype=np.float64),
                   doc.get("provenance", {}))


def fit(embeddings: np.ndarray, labels: list[str], l2: float = 1e-3, max_iter: int = 300) -> DomainModel:
    """Fit on rows of `embeddings` labelled `labels`; `l2` is the penalty per unit of sample weight."""
    x = np.asarray(embeddings, dtype=np.float64)
    classes = sorted(set(labels))
    index = {c: i for i, c in enumerate(classes)}
    y = np.array([index[c] for c in labels])
    n, dim = x.shape
    k = len(classes)
    counts = np.bincount(y, minlength=k)
    w_row = (n / (k * counts))[y]          # balanced class weights
    w_row /= w_row.sum()
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0

    def loss(theta):
        W = theta[: dim * k].reshape(dim, k)
        b = theta[dim * k:]
        z = x @ W + b
        lse = logsumexp(z, axis=1)
        nll = float(w_row @ (lse - z[np.arange(n), y]))
        p = np.exp(z - lse[:, None])
        g = (p - onehot) * w_row[:, None]
        grad_w = x.T @ g + l2 * W
        return nll + 0.5 * l2 * float((W * W).sum()), np.concatenate([grad_w.ravel(), g.sum(axis=0)])

    res = minimize(loss, np.zeros(dim * k + k), jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    return DomainModel(classes, res.x[: dim * k].reshape(dim, k), res.x[dim * k:],
                       {"l2": l2, "iterations": int(res.nit), "train_rows": int(n)})
