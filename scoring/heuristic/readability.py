"""Flesch reading ease: 206.835 - 1.015 (words / sentences) - 84.6 (syllables / words).

Syllables are counted with the usual vowel-group heuristic (a run of vowels is one syllable, a final
silent 'e' drops one, every word has at least one), which is English-only and approximate: use it to
compare datasets, not single texts. Higher is easier to read.
"""
from __future__ import annotations

import re

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, heuristic_spec
from scoring.heuristic.sentences import SENTENCE_SPLIT, sentence_counts
from scoring.registry import register
from scoring.textstats import WORD_RE

VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    n = len(VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and n > 1:
        n -= 1
    return max(n, 1)


_CACHE: dict[str, int] = {}
_CACHE_MAX = 500_000


def _cached_syllables(word: str) -> int:
    """Words repeat heavily across a corpus: remember their counts (bounded, per process)."""
    n = _CACHE.get(word)
    if n is None:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        n = _CACHE[word] = syllables(word)
    return n


def flesch_batch(sentences: list[int], words) -> np.ndarray:
    """Flesch reading ease of every text of a batch: syllables are counted once per distinct word."""
    syl = np.fromiter((_cached_syllables(w) for w in words.vocab), dtype=np.float64, count=len(words.vocab))
    per_text = np.bincount(words.sid, weights=syl[words.ids], minlength=len(words.lens))
    n_words = words.lens.astype(np.float64)
    n_sent = np.maximum(np.asarray(sentences, dtype=np.float64), 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = 206.835 - 1.015 * (n_words / n_sent) - 84.6 * (per_text / n_words)
    return np.where(n_words > 0, score, np.nan)


def flesch(text: str, words: list[str]) -> float:
    """Reference: the same formula for one text."""
    if not words:
        return NAN
    sentences = sum(1 for seg in SENTENCE_SPLIT.split(text) if seg and WORD_RE.search(seg)) or 1
    syl = sum(map(_cached_syllables, words))
    return 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syl / len(words))


@register
class Readability(PointwiseScorer):
    spec = heuristic_spec("readability", "Flesch reading ease with heuristic syllable counts.", [
        Dimension("flesch_reading_ease", "higher = easier (typically 0-100)", None, (-float("inf"), 121.22)),
    ])

    def score(self, batch, stats):
        return PointwiseResult({"flesch_reading_ease": flesch_batch(sentence_counts(stats, self.side),
                                                                    stats.word_ids(self.side))})
