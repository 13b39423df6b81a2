"""Expected distinct types in random word draws without replacement (hypergeometric), exactly.

For a text of N words where a type occurs f times, the chance that a draw of n words misses it is
P0 = C(N-f, n) / C(N, n); the expected number of types in the draw is sum(1 - P0) over types. HD-D
evaluates it at n = 42, vocd-D at n = 35..50. Every log-gamma argument is a whole number (word
counts), so log-gamma is read from a table of log-factorials (math.lgamma, grown on demand) rather
than scipy.special, whose import alone took longer than scoring a small file.

`expected_types` (one text) is the reference; `expected_types_batch` computes the same for a whole
batch from its word-count runs.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

from scoring.wordtable import NgramRuns

_LGAMMA = np.array([math.inf, 0.0])        # _LGAMMA[k] = log((k-1)!) = lgamma(k)


def gammaln(x) -> np.ndarray:
    """log-gamma of whole numbers (floats holding integers), by table lookup; +inf at the poles
    (0, -1, ...), as scipy.special.gammaln gives."""
    global _LGAMMA
    k = np.asarray(x, dtype=np.float64).astype(np.int64)
    top = int(k.max(initial=1))
    if top >= len(_LGAMMA):
        _LGAMMA = np.array([math.lgamma(i) if i else math.inf for i in range(max(top + 1, 2 * len(_LGAMMA)))])
    return np.where(k >= 1, _LGAMMA[np.maximum(k, 0)], math.inf)


def expected_types(counts: Counter, draws: np.ndarray) -> np.ndarray:
    """Expected distinct types in draws of each size in `draws` (without replacement)."""
    total = sum(counts.values())
    fof = Counter(counts.values())                        # frequency of frequencies
    f = np.fromiter(fof.keys(), dtype=np.float64)
    mult = np.fromiter(fof.values(), dtype=np.float64)
    n = draws.astype(np.float64)[:, None]
    rest = total - f[None, :]
    valid = rest >= n
    safe_rest = np.where(valid, rest, n)
    log_p0 = (gammaln(safe_rest + 1) - gammaln(safe_rest - n + 1)
              - gammaln(total + 1) + gammaln(total - n + 1))
    p0 = np.where(valid, np.exp(log_p0), 0.0)
    return ((1.0 - p0) * mult[None, :]).sum(axis=1)


def expected_types_batch(runs: NgramRuns, draws: np.ndarray) -> np.ndarray:
    """`expected_types` for every text of a batch at once: (texts, draws). Entries for texts shorter
    than a draw are meaningless; callers mask them."""
    n_texts = len(runs.total)
    out = np.zeros((n_texts, len(draws)))
    if not len(runs.sid):
        return out
    order = np.lexsort((runs.count, runs.sid))
    sid, f = runs.sid[order], runs.count[order]
    new = np.ones(len(sid), dtype=bool)
    new[1:] = (sid[1:] != sid[:-1]) | (f[1:] != f[:-1])
    starts = np.flatnonzero(new)
    mult = np.diff(np.append(starts, len(sid))).astype(np.float64)
    sid, f = sid[starts], f[starts].astype(np.float64)
    total = runs.total[sid].astype(np.float64)
    rest = total - f
    for j, n in enumerate(draws.astype(np.float64)):
        valid = rest >= n
        safe_rest = np.where(valid, rest, n)
        safe_total = np.maximum(total, n)
        log_p0 = gammaln(safe_rest + 1) - gammaln(safe_rest - n + 1) - gammaln(safe_total + 1) + gammaln(safe_total - n + 1)
        p0 = np.where(valid, np.exp(log_p0), 0.0)
        out[:, j] = np.bincount(sid, weights=(1.0 - p0) * mult, minlength=n_texts)
    return out
