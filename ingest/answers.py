"""Final answers in the formats math benchmarks and training data state them: one reader per format.

Ingest keeps a benchmark's gold answer with these readers and evaluation reads a model's answer with
the same ones, so the gold and the prediction of an item are cut by one rule. Formats:
- GSM8K's answer line, `#### 42` (the text after the last marker);
- LaTeX's `\\boxed{...}` (MATH style; braces balanced, the last box counts);
- a closing sentence, `The answer is: X` (MetaMath style, on the last line);
- a bare number anywhere in the text, for replies that state no marker.
Each returns None when the text has no answer in its format.
"""
from __future__ import annotations

import re

HASH_MARKER = "####"
_BOXED = re.compile(r"\\boxed\s*\{")
_ANSWER_IS = re.compile(r"[Tt]he answer is:?\s*(.+?)\s*\.?\s*$")
_NUMBER = re.compile(r"-?\$?\d[\d,]*(?:\.\d+)?")


def after_hash_marker(text: str) -> str | None:
    """Everything after the last `####`, stripped; None without a marker. The last marker counts: a
    text that repeats the line (a reply that restates its answer) ends with the one it settles on."""
    if HASH_MARKER not in text:
        return None
    return text.rsplit(HASH_MARKER, 1)[1].strip()


def hash_answer(text: str) -> str | None:
    """GSM8K's gold answer: the text after the last `####` without thousands separators; None when
    there is no marker or nothing follows it."""
    tail = after_hash_marker(text)
    return tail.replace(",", "") if tail else None


def last_boxed(text: str) -> str | None:
    """Content of the last `\\boxed{...}` (balanced braces, `\\boxed {` accepted), stripped; None when
    there is none or the last one is never closed (a truncated reply)."""
    starts = list(_BOXED.finditer(text))
    if not starts:
        return None
    begin = starts[-1].end()
    depth = 1
    for j in range(begin, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[begin:j].strip()
    return None


def answer_is(text: str) -> str | None:
    """The X of a closing `The answer is: X` (the sentence must end the text)."""
    m = _ANSWER_IS.search(text)
    return m.group(1).strip() if m else None


def numbers(text: str) -> list[str]:
    """Every number of the text as written (`-3`, `$1,250`, `0.5`), in order."""
    return _NUMBER.findall(text)


def first_number(text: str) -> str | None:
    found = _NUMBER.search(text)
    return found.group(0) if found else None


def final_answer(solution: str) -> str | None:
    """A worked solution's final answer, whichever of the marker formats it uses (`####` first: a
    solution that boxes intermediate results still ends on its answer line)."""
    for read in (hash_answer, last_boxed, answer_is):
        found = read(solution)
        if found is not None:
            return found
    return None
