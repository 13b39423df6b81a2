"""Repetition: how much of a text re-uses its own word trigrams, character 10-grams and lines.

Each ratio is the share of occurrences that belong to an item seen more than once
(sum of counts > 1 over all counts), 0 for a text without repetition, 1 for a text that is one
item repeated. Looping model outputs and copy-pasted answers score high.
"""
from __future__ import annotations

from collections import Counter

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec

CHAR_N = 10


def repeated_share(counts: Counter) -> float:
    total = sum(counts.values())
    if not total:
        return NAN
    return sum(c for c in counts.values() if c > 1) / total


def char_ngram_counts(text: str, n: int = CHAR_N) -> Counter:
    return Counter(text[i:i + n] for i in range(len(text) - n + 1))


class Repetition(PointwiseScorer):
    spec = heuristic_spec("repetition", "Share of repeated word trigrams, char 10-grams and lines.", [
        Dimension("word_trigram_repetition", "share of word-trigram occurrences that repeat", False, (0, 1)),
        Dimension("char_10gram_repetition", "share of character-10-gram occurrences that repeat", False, (0, 1)),
        Dimension("duplicate_line_ratio", "share of non-empty lines that repeat", False, (0, 1)),
    ])

    def score(self, batch, stats):
        tri = [repeated_share(c) for c in stats.ngram_counts(self.side, 3)]
        chars, lines = [], []
        for text in stats.text(self.side):
            chars.append(repeated_share(char_ngram_counts(text)))
            lines.append(repeated_share(Counter(ln.strip() for ln in text.split("\n") if ln.strip())))
        return PointwiseResult({"word_trigram_repetition": arr(tri), "char_10gram_repetition": arr(chars),
                                "duplicate_line_ratio": arr(lines)})
