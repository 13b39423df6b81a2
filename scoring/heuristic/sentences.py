"""Sentence splitting shared by the sentence scorer and readability.

A sentence ends at `.`, `!`, `?` (or their CJK forms) followed by whitespace or the end, or at a
blank line; a segment counts only if it holds a word. Abbreviations split sentences too: the measure
is comparable across datasets, not a linguistic parse.
"""
from __future__ import annotations

import re

SENTENCE_SPLIT = re.compile(r"(?<=[.!?。！？])\s+|\n\s*\n")


WORD_CHAR = re.compile(r"\w")   # a segment holds a word (a WORD_RE match) iff it holds a word character


def sentence_counts(stats, side: str) -> list[int]:
    """Sentences per text of one side (shared through TextStats with readability)."""
    split, has_word = SENTENCE_SPLIT.split, WORD_CHAR.search

    def count():
        return [sum(1 for seg in split(text) if seg and has_word(seg)) if text else 0 for text in stats.text(side)]
    return stats.cached(("sentences", side), count)
