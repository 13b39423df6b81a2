"""Repetition: how much of a text re-uses its own word trigrams, character 10-grams and lines.

Each ratio is the share of occurrences that belong to an item seen more than once
(sum of counts > 1 over all counts), 0 for a text without repetition, 1 for a text that is one
item repeated. Looping model outputs and copy-pasted answers score high.
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.registry import register

CHAR_N = 10


def repeated_share(counts: Counter) -> float:
    total = sum(counts.values())
    if not total:
        return NAN
    return sum(c for c in counts.values() if c > 1) / total


def char_ngram_counts(text: str, n: int = CHAR_N) -> Counter:
    """Reference definition (used by tests): counts of every character n-gram of one text."""
    return Counter(text[i:i + n] for i in range(len(text) - n + 1))


_BASE = np.uint64(1099511628211)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _poly_hash(cp: np.ndarray, n: int) -> np.ndarray:
    """h[i] = sum(cp[i + k] * BASE^(n-1-k), k < n) mod 2^64 for every start i with a full window, built
    by doubling (h_2m[i] = h_m[i] * BASE^m + h_m[i + m]): about log2(n) array passes instead of n."""
    if n == 1:
        return cp.copy()
    half = _poly_hash(cp, n // 2)
    width = len(cp) - n + 1
    h = half[:width] * (_BASE ** np.uint64(n // 2)) + half[n // 2: n // 2 + width]
    if n % 2:   # one more code point on the right
        h = h * _BASE + cp[n - 1: n - 1 + width]
    return h


def char_ngram_repeated_share(texts: list[str], n: int = CHAR_N) -> np.ndarray:
    """`repeated_share(char_ngram_counts(t))` for a whole batch at once, vectorized.

    Every n-gram becomes a polynomial hash of its code points, mixed, with its text's index in the top
    bits (the hash keeps the remaining 64 - 10 = 54 bits for a batch of 1,000 texts); one `np.sort` of the
    batch's keys groups equal n-grams of a text together, and a run longer than one is a repeat. A false
    repeat needs a hash collision inside one text (probability ~ m^2 / 2^54 for m n-grams: about 1e-8
    for a 10,000-character text).
    """
    out = np.full(len(texts), np.nan)
    lens = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    per = np.maximum(lens - n + 1, 0)
    if not per.sum():
        return out
    cp = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    ends = np.cumsum(lens)
    with np.errstate(over="ignore"):
        h = _poly_hash(cp, n)                 # every window of the joined texts, crossing ones too
        # a window starting in the last n-1 characters of a text crosses into the next: dropped
        crossing = ends[:, None] - np.arange(1, n)[None, :]
        crossing = crossing[(crossing >= (ends - lens)[:, None]) & (crossing < len(h))]
        inside = np.ones(len(h), dtype=bool)
        inside[crossing] = False
        sid_bits = max(int(len(texts) - 1).bit_length(), 1)
        sid = np.repeat(np.arange(len(texts), dtype=np.uint64), lens)[:len(h)]
        # the polynomial's low bits follow the last characters almost linearly (grams differing by one in
        # their last code point differ only there), so mix first (an odd multiplier, a bijection) and keep
        # the top bits, which depend on every bit of the hash
        keys = (sid << np.uint64(64 - sid_bits)) | ((h * _MIX) >> np.uint64(sid_bits))
        keys = np.sort(keys[inside])
    # in sorted order, an element repeats when it equals its left or right neighbour
    same = keys[1:] == keys[:-1]
    dup = np.zeros(len(keys), dtype=bool)
    dup[1:] |= same
    dup[:-1] |= same
    owner = (keys >> np.uint64(64 - sid_bits)).astype(np.int64)
    repeated = np.bincount(owner, weights=dup, minlength=len(texts))
    ok = per > 0
    out[ok] = repeated[ok] / per[ok]
    return out


@register
class Repetition(PointwiseScorer):
    spec = heuristic_spec("repetition", "Share of repeated word trigrams, char 10-grams and lines.", [
        Dimension("word_trigram_repetition", "share of word-trigram occurrences that repeat", False, (0, 1)),
        Dimension("char_10gram_repetition", "share of character-10-gram occurrences that repeat", False, (0, 1)),
        Dimension("duplicate_line_ratio", "share of non-empty lines that repeat", False, (0, 1)),
    ])

    def score(self, batch, stats):
        tri = stats.ngram_runs(self.side, 3).repeated_share()
        texts = stats.text(self.side)
        lines = [repeated_share(Counter(ln.strip() for ln in text.split("\n") if ln.strip())) if "\n" in text
                 else (0.0 if text.strip() else NAN) for text in texts]
        return PointwiseResult({"word_trigram_repetition": tri,
                                "char_10gram_repetition": char_ngram_repeated_share(texts),
                                "duplicate_line_ratio": arr(lines)})
