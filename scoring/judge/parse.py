"""Validate a judge's reply: one JSON object with every criterion as an integer from 1 to 10.

Models sometimes wrap JSON in a Markdown fence or add a sentence around it; the first {...} object in
the reply is taken. Anything else (missing keys, 11, 7.5, "7") is rejected with a message saying what
was wrong, which the runner records before retrying.
"""
from __future__ import annotations

import json
import re

OBJECT = re.compile(r"\{.*\}", re.S)


class JudgeOutputError(ValueError):
    pass


def parse_scores(text: str | None, dimensions: list[str]) -> dict[str, int]:
    if not text or not text.strip():
        raise JudgeOutputError("empty reply")
    m = OBJECT.search(text)
    if not m:
        raise JudgeOutputError(f"no JSON object in reply: {text[:200]!r}")
    try:
        obj = json.loads(m.group(0))
    except json.JSONDecodeError as exc:
        raise JudgeOutputError(f"malformed JSON ({exc.msg}): {m.group(0)[:200]!r}") from None
    if not isinstance(obj, dict):
        raise JudgeOutputError("reply is not a JSON object")
    missing = [d for d in dimensions if d not in obj]
    if missing:
        raise JudgeOutputError(f"missing criteria {missing}")
    out = {}
    for d in dimensions:
        v = obj[d]
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 10:
            raise JudgeOutputError(f"criterion '{d}' must be an integer 1-10, got {v!r}")
        out[d] = v
    return out
