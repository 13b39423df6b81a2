"""How well a domain classifier generalises to sources it has not seen.

Every source family is held out once: the classifier is fitted on the other families and predicts
every sample of the held-out one. Accuracy and macro-F1 are computed over all held-out predictions
together, and per source, for the classifier and the keyword baseline on the same samples.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scoring.domains.labels import DOMAINS


def accuracy(truth: list[str], predicted: list[str]) -> float:
    return float(np.mean([t == p for t, p in zip(truth, predicted, strict=True)])) if truth else float("nan")


def macro_f1(truth: list[str], predicted: list[str], classes: list[str] | None = None) -> float:
    """Unweighted mean of per-class F1 over the classes present in `truth` (or `classes`); a class
    never predicted and never true does not count, one predicted but never true scores 0 only if listed."""
    classes = classes or sorted(set(truth))
    scores = []
    for c in classes:
        tp = sum(t == c and p == c for t, p in zip(truth, predicted))
        fp = sum(t != c and p == c for t, p in zip(truth, predicted))
        fn = sum(t == c and p != c for t, p in zip(truth, predicted))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return float(np.mean(scores)) if scores else float("nan")


def confusion(truth: list[str], predicted: list[str]) -> dict[str, dict[str, int]]:
    out = {t: {p: 0 for p in DOMAINS} for t in DOMAINS}
    for t, p in zip(truth, predicted):
        out.setdefault(t, {}).setdefault(p, 0)
        out[t][p] += 1
    return {t: row for t, row in out.items() if sum(row.values())}


@dataclass
class HeldOut:
    """Held-out predictions of every labelled sample: its source, family, label and both guesses."""

    sources: list[str]
    families: list[str]
    truth: list[str]
    predicted: list[str]
    confidence: np.ndarray
    baseline: list[str]

    def summary(self) -> dict:
        by_source = {}
        for s in dict.fromkeys(self.sources):
            idx = [i for i, v in enumerate(self.sources) if v == s]
            t = [self.truth[i] for i in idx]
            by_source[s] = {"family": self.families[idx[0]], "label": t[0], "n": len(idx),
                            "accuracy": accuracy(t, [self.predicted[i] for i in idx]),
                            "baseline_accuracy": accuracy(t, [self.baseline[i] for i in idx])}
        # source-balanced: each source counts once, whatever its size
        balanced = float(np.mean([v["accuracy"] for v in by_source.values()]))
        balanced_base = float(np.mean([v["baseline_accuracy"] for v in by_source.values()]))
        return {"samples": len(self.truth), "sources": len(by_source), "families": len(set(self.families)),
                "classifier": {"accuracy": accuracy(self.truth, self.predicted),
                               "macro_f1": macro_f1(self.truth, self.predicted),
                               "source_balanced_accuracy": balanced},
                "keyword_baseline": {"accuracy": accuracy(self.truth, self.baseline),
                                     "macro_f1": macro_f1(self.truth, self.baseline),
                                     "source_balanced_accuracy": balanced_base},
                "confusion": confusion(self.truth, self.predicted),
                "baseline_confusion": confusion(self.truth, self.baseline),
                "by_source": by_source}


def leave_one_family_out(embeddings: np.ndarray, labels: list[str], sources: list[str], families: list[str],
                         texts: list[str], fit: Callable, baseline: Callable[[list[str]], list[str]]) -> HeldOut:
    """Hold out each family in turn, fit on the rest with `fit(embeddings, labels)`, predict the family."""
    n = len(labels)
    predicted: list[str] = [""] * n
    confidence = np.zeros(n)
    fam = np.array(families)
    for family in dict.fromkeys(families):
        test = np.flatnonzero(fam == family)
        train = np.flatnonzero(fam != family)
        model = fit(embeddings[train], [labels[i] for i in train])
        guess, conf = model.predict(embeddings[test])
        for j, i in enumerate(test):
            predicted[i] = guess[j]
            confidence[i] = conf[j]
    return HeldOut(list(sources), list(families), list(labels), predicted, confidence, baseline(list(texts)))
