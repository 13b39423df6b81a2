"""Flesch reading ease: 206.835 - 1.015 (words / sentences) - 84.6 (syllables / words).

Syllables are counted with the usual vowel-group heuristic (a run of vowels is one syllable, a final
silent 'e' drops one, every word has at least one), which is English-only and approximate: use it to
compare datasets, not single texts. Higher is easier to read.
"""
from __future__ import annotations

import re

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.heuristic.sentences import SENTENCE_SPLIT
from scoring.textstats import WORD_RE

VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    n = len(VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and n > 1:
        n -= 1
    return max(n, 1)


def flesch(text: str, words: list[str]) -> float:
    if not words:
        return NAN
    sentences = sum(1 for seg in SENTENCE_SPLIT.split(text) if seg and WORD_RE.search(seg)) or 1
    syl = sum(syllables(w) for w in words)
    return 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syl / len(words))


class Readability(PointwiseScorer):
    spec = heuristic_spec("readability", "Flesch reading ease with heuristic syllable counts.", [
        Dimension("flesch_reading_ease", "higher = easier (typically 0-100)", None, (-float("inf"), 121.22)),
    ])

    def score(self, batch, stats):
        return PointwiseResult({"flesch_reading_ease": arr([
            flesch(t, w) for t, w in zip(stats.text(self.side), stats.words(self.side))])})
