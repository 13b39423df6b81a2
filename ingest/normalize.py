"""Normalizing parsed records into the arena's sample schema.

`Normalizer` turns one record into one sample row (see `warehouse.tables.SAMPLES`) or a reject
with a stable reason code. It is pure and deterministic: the same record always gives the same row,
so rematerializing a partition leaves identical tables.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

import orjson

from ingest import formats
from ingest.formats import RecordError

EXCERPT_CHARS = 500


def sample_id(messages: list[dict]) -> str:
    """Content hash of a conversation: equal conversations get equal ids in any dataset."""
    canonical = orjson.dumps([[m["role"], m["content"]] for m in messages])
    return hashlib.blake2b(canonical, digest_size=16).hexdigest()


def parse_record(text: str):
    """A stored record's JSON: orjson first (fast), the standard library for what the readers accept
    but orjson refuses (NaN, Infinity), so such a record is normalized instead of crashing the run."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _words(text: str) -> int:
    return len(text.split())


@dataclass
class Normalizer:
    """Normalizes the records of one dataset.

    `fmt` is the dataset's format (detected or declared); `allow_prompt_only` accepts records with
    no response (benchmarks whose items are prompts, e.g. MT-Bench).
    """
    dataset_id: str
    fmt: str
    columns: dict[str, str] = field(default_factory=dict)
    allow_prompt_only: bool = False
    _seen: set = field(default_factory=set, init=False, repr=False)
    _handler: Callable | None = field(default=None, init=False, repr=False)

    def __post_init__(self):
        if self.fmt == "columns":
            self._handler = formats.make_columns(self.columns)
        elif self.fmt in formats.FORMATS:
            self._handler = formats.FORMATS[self.fmt]
        else:
            self._handler = None  # unknown: every record is rejected with reason unknown_format

    def normalize(self, record_index: int, text: str) -> dict:
        """Returns a sample row; raises RecordError with a code and a message naming the problem."""
        if self._handler is None:
            try:
                keys = sorted(parse_record(text).keys())[:12]
            except Exception:  # noqa: BLE001 - only for the message
                keys = []
            raise RecordError("unknown_format", f"no known format fits this dataset (record keys: {keys})")
        record = parse_record(text)
        messages, extra = self._handler(record)
        return self._row(record_index, messages, extra)

    def _row(self, record_index: int, messages: list[dict], extra: dict) -> dict:
        # a blank system prompt is no system prompt, whichever format spelled it
        messages = [m for m in messages if m["role"] != "system" or m["content"].strip()]
        for i, m in enumerate(messages):
            if m["role"] not in ("system", "user", "assistant", "tool"):
                raise RecordError("unknown_role", f"message {i} has role '{m['role']}'")
            if "\x00" in m["content"]:
                raise RecordError("invalid_text", f"message {i} ({m['role']}) contains NUL characters")
        users = [m["content"] for m in messages if m["role"] == "user"]
        assistants = [m["content"] for m in messages if m["role"] == "assistant"]
        if not users:
            raise RecordError("no_user_turn", "the conversation has no user turn")
        if not any(u.strip() for u in users):
            raise RecordError("empty_text", "the instruction (every user turn) is empty")
        if not assistants and not self.allow_prompt_only:
            raise RecordError("no_response", "the conversation has no assistant response")
        if assistants and not any(a.strip() for a in assistants):
            raise RecordError("empty_text", "the response (every assistant turn) is empty")
        system = next((m["content"] for m in messages if m["role"] == "system"), None)
        q_parts = [m["content"] for m in messages if m["role"] in ("system", "user", "tool")]
        instruction_text = "\n\n".join(p for p in q_parts if p)
        response_text = "\n\n".join(assistants)
        sid = sample_id(messages)
        digest = bytes.fromhex(sid)  # half the memory of the hex string per remembered sample
        duplicate = digest in self._seen
        self._seen.add(digest)
        return {
            "dataset_id": self.dataset_id,
            "sample_id": sid,
            "record_index": record_index,
            "messages": messages,
            "system": system,
            "instruction_text": instruction_text,
            "response_text": response_text,
            "n_turns": len(users),
            "n_messages": len(messages),
            "instruction_chars": len(instruction_text),
            "response_chars": len(response_text),
            "instruction_words": _words(instruction_text),
            "response_words": _words(response_text),
            "is_duplicate": duplicate,
            "source_format": self.fmt,
            "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True, default=str) if extra else None,
        }


def reject_row(dataset_id: str, record_index: int, stage: str, code: str, reason: str,
               source_file: str | None, excerpt: str | None) -> dict:
    return {
        "dataset_id": dataset_id,
        "record_index": record_index,
        "stage": stage,
        "reason_code": code,
        "reason": f"dataset '{dataset_id}' record #{record_index}: {reason}",
        "source_file": source_file,
        "raw_excerpt": (excerpt or "")[:EXCERPT_CHARS],
    }
