"""Text to hashed word n-grams, in batches, the one tokenization every lineage scan shares.

Words are runs of letters and numbers are runs of digits (with decimal/thousands separators), both
lower-cased; punctuation and layout are ignored, so reformatted copies keep their n-grams. With
`mask_numbers` every number becomes one token, so "48 clips" and "52 clips" share their n-grams (a
benchmark item with its numbers swapped still matches). Tokens hash with xxh64 (stable across
processes, so signatures written by one run compare with another's); n-grams are polynomial rolling
hashes over whole batches in numpy rather than per-sample Python loops.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import xxhash

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
NUMBER_TOKEN = "\x00num"
_MULT = np.uint64(0x9E3779B97F4A7C15)


def tokenize(text: str | None, mask_numbers: bool = False, drop_letters: bool = False) -> list[str]:
    """Lower-cased words and numbers. `drop_letters` removes single letters (option labels "A.",
    the article "a"), which reformatting adds and removes freely."""
    if not text:
        return []
    toks = _TOKEN.findall(text.lower())
    if drop_letters:
        toks = [t for t in toks if len(t) > 1 or t.isdigit()]
    if mask_numbers:
        toks = [NUMBER_TOKEN if t[0].isdigit() else t for t in toks]
    return toks


class TokenHasher:
    """Token -> stable 64-bit hash, memoized (vocabularies are small next to token counts)."""

    def __init__(self):
        self._cache: dict[str, int] = {}

    def hash_tokens(self, toks: list[str]) -> np.ndarray:
        cache = self._cache
        out = []
        for t in toks:
            h = cache.get(t)
            if h is None:
                h = cache[t] = xxhash.xxh64_intdigest(t.encode("utf-8"))
            out.append(h)
        return np.array(out, dtype=np.uint64)


def batch_ngrams(token_hashes: list[np.ndarray], n: int, short: str = "drop") -> tuple[np.ndarray, np.ndarray]:
    """All n-gram hashes of a batch: (hashes uint64, owner int64 = index of the text in the batch).

    A text shorter than n gives no n-gram (short="drop") or one gram of all its tokens (short="whole").
    """
    lengths = np.fromiter((len(a) for a in token_hashes), dtype=np.int64, count=len(token_hashes))
    if lengths.sum() == 0:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    flat = np.concatenate([a for a in token_hashes if len(a)]).astype(np.uint64)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    total = len(flat)
    m = total - n + 1
    if m > 0:
        h = np.zeros(m, dtype=np.uint64)
        for j in range(n):
            h = h * _MULT + flat[j:j + m]
        owner_of_pos = np.repeat(np.arange(len(lengths)), lengths)[:m]
        pos = np.arange(m)
        valid = pos + n <= ends[owner_of_pos]
        hashes, owner = h[valid], owner_of_pos[valid]
    else:
        hashes, owner = np.empty(0, np.uint64), np.empty(0, np.int64)
    if short == "whole":
        small = np.nonzero((lengths > 0) & (lengths < n))[0]
        if len(small):
            extra = np.empty(len(small), dtype=np.uint64)
            mult, mask = int(_MULT), (1 << 64) - 1
            for k, i in enumerate(small):
                h1 = int(lengths[i])  # seeded with the length: a whole-text gram never equals an n-gram
                for v in flat[starts[i]:ends[i]].tolist():
                    h1 = (h1 * mult + v) & mask
                extra[k] = h1
            hashes = np.concatenate([hashes, extra])
            owner = np.concatenate([owner, small])
            order = np.argsort(owner, kind="stable")
            hashes, owner = hashes[order], owner[order]
    return hashes, owner


def unique_per_owner(hashes: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop repeated grams within one owner (counts must be over distinct grams)."""
    if len(hashes) == 0:
        return hashes, owner
    order = np.lexsort((hashes, owner))
    h, o = hashes[order], owner[order]
    keep = np.ones(len(h), dtype=bool)
    keep[1:] = (h[1:] != h[:-1]) | (o[1:] != o[:-1])
    return h[keep], o[keep]


SAMPLE_FIELDS = ("dataset_id", "sample_id", "instruction_text", "response_text")


def iter_sample_batches(data, batch_size: int = 10_000, fields: tuple[str, ...] = SAMPLE_FIELDS) -> Iterator[dict[str, list]]:
    """Column batches (dict of lists) from a pyarrow Table/RecordBatch, an iterable of batches, or of dicts.

    Only `fields` are read, so wide sample tables stream without their messages column.
    """
    if isinstance(data, (pa.Table, pa.RecordBatch)):
        data = data.to_batches(max_chunksize=batch_size) if isinstance(data, pa.Table) else [data]
    buf: dict[str, list] = {f: [] for f in fields}
    for item in data:
        if isinstance(item, (pa.RecordBatch, pa.Table)):
            missing = [f for f in fields if f not in item.schema.names]
            if missing:
                raise ValueError(f"sample batch lacks columns {missing} (the samples table's columns expected)")
            cols = {f: item.column(f).to_pylist() for f in fields}
            for f in fields:
                buf[f].extend(cols[f])
        else:
            for f in fields:
                if f not in item:
                    raise ValueError(f"sample {item.get('dataset_id')}/{item.get('sample_id')} lacks field '{f}'")
                buf[f].append(item[f])
        if len(buf[fields[0]]) >= batch_size:
            yield buf
            buf = {f: [] for f in fields}
    if buf[fields[0]]:
        yield buf


def joined_text(instruction: str | None, response: str | None) -> str:
    return f"{instruction or ''}\n{response or ''}"
