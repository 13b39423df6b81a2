"""Text features computed once per batch and side, shared by every heuristic scorer.

Why: most heuristic scorers start from the same words, counts and n-grams; computing them once per
batch instead of once per scorer is what lets the whole heuristic suite run at thousands of samples
per second per core. `TextStats(batch, share=False)` disables the sharing: the benchmark uses it as
the naive baseline (each scorer re-tokenizes on its own), which is how most per-operator pipelines run.

Words are Unicode `\\w+` runs (apostrophes inside words kept), lowercased: a definition that needs no
model, is identical across runs and platforms, and treats every script alike.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from scoring.batch import SampleBatch
from scoring.wordtable import NgramRuns, Vocab, WordIds

WORD_RE = re.compile(r"\w+(?:['’]\w+)*")


def words_of(text: str) -> list[str]:
    return WORD_RE.findall(text.lower())


def ngrams(words: list[str], n: int) -> list[tuple[str, ...]]:
    if n == 1:
        return [(w,) for w in words]
    return list(zip(*(words[i:] for i in range(n))))


class TextStats:
    def __init__(self, batch: SampleBatch, share: bool = True):
        self.batch = batch
        self.share = share
        self._cache: dict[tuple, object] = {}

    def _get(self, key: tuple, compute: Callable[[], object]):
        if not self.share:
            return compute()
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = compute()
            return value

    def cached(self, key: tuple, compute: Callable[[], object]):
        """Share any other per-batch feature (e.g. embeddings) between scorers under `key`."""
        return self._get(("ext",) + key, compute)

    def text(self, side: str) -> list[str]:
        return self._get(("text", side), lambda: self.batch.side_text(side))

    def lower(self, side: str) -> list[str]:
        """Lower-cased texts: the words come from them, and keyword prefilters test them cheaply."""
        return self._get(("lower", side), lambda: [t.lower() for t in self.text(side)])

    def words(self, side: str) -> list[list[str]]:
        findall = WORD_RE.findall   # = words_of, on the shared lower-cased texts
        return self._get(("words", side), lambda: [findall(t) for t in self.lower(side)])

    def word_counts(self, side: str) -> list[Counter]:
        return self._get(("wc", side), lambda: [Counter(w) for w in self.words(side)])

    def ngram_counts(self, side: str, n: int) -> list[Counter]:
        if n == 1:
            return self.word_counts(side)
        return self._get(("ngc", side, n), lambda: [Counter(zip(*(w[i:] for i in range(n))))
                                                     for w in self.words(side)])

    def vocab(self) -> Vocab:
        """Word -> id for this batch, shared by both sides (ids are comparable between Q and A).
        Kept even without feature sharing: it is an identity mapping, not a feature."""
        return self._cache.setdefault(("vocab",), Vocab())

    def word_ids(self, side: str) -> WordIds:
        return self._get(("wid", side), lambda: WordIds.build(self.words(side), self.vocab()))

    def ngram_runs(self, side: str, n: int) -> NgramRuns:
        return self._get(("runs", side, n), lambda: NgramRuns.build(self.word_ids(side), n))

    def token_counts(self, side: str, tokenizer_name: str, count: Callable[[list[str]], list[int]]):
        """Tokens per text under a named tokenizer; `count` is only called on a cache miss."""
        return self._get(("tok", side, tokenizer_name), lambda: count(self.text(side)))
