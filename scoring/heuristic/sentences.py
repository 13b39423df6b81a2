"""Sentence splitting shared by the sentence scorer and readability.

A sentence ends at `.`, `!`, `?` (or their CJK forms) followed by whitespace or the end, or at a
blank line; a segment counts only if it holds a word. Abbreviations split sentences too: the measure
is comparable across datasets, not a linguistic parse.

`SENTENCE_SPLIT` states the rule (the end mark stays with its sentence). Counting uses
`SENTENCE_BREAK`, which consumes the end mark with the whitespace after it: the segments differ only
by that mark, which is not a word character, so every count is the same, and a pattern that starts
with a character class lets the regex engine skip to candidates instead of testing a look-behind at
every position (about 1.6x faster).
"""
from __future__ import annotations

import re

SENTENCE_SPLIT = re.compile(r"(?<=[.!?。！？])\s+|\n\s*\n")
SENTENCE_BREAK = re.compile(r"[.!?。！？]\s+|\n\s*\n")

WORD_CHAR = re.compile(r"\w")   # a segment holds a word (a WORD_RE match) iff it holds a word character


def sentence_counts(stats, side: str) -> list[int]:
    """Sentences per text of one side (shared through TextStats with readability)."""
    split, has_word = SENTENCE_BREAK.split, WORD_CHAR.search

    def count():
        return [len(list(filter(has_word, split(text)))) if text else 0 for text in stats.text(side)]
    return stats.cached(("sentences", side), count)
