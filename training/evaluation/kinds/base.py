"""What an evaluation kind is: how a benchmark item becomes an lm-eval document, the lm-eval task
fields that ask the model about it, and how its answer is scored.

A benchmark item is a normalized sample of an ingested benchmark (the lake's `samples` row): its id
is the sample id, the one the contamination scan reports, so an evaluated item and a leaked item are
named alike. The question is the last user turn, the reference is the last assistant turn, and what a
kind needs beyond them (gold answer, options, tests) is in the sample's `extra`.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# every local task decodes greedily and stops at the end of the assistant turn of the chat templates
# the protocols use (ChatML's and the end-of-text token)
STOP_SEQUENCES = ["<|im_end|>", "<|endoftext|>"]


@dataclass(frozen=True)
class BenchmarkItem:
    """One benchmark sample as evaluation reads it."""
    sample_id: str
    record_index: int
    question: str                   # the last user turn
    reference: str                  # the last assistant turn ("" for prompt-only items)
    extra: dict[str, Any]
    where: str                      # names the benchmark, dataset and record in error messages

    @classmethod
    def from_sample(cls, row: dict, where: str) -> BenchmarkItem:
        users = [m["content"] for m in row["messages"] if m["role"] == "user"]
        if not users:
            raise ValueError(f"{where}: no user turn to ask")
        assistants = [m["content"] for m in row["messages"] if m["role"] == "assistant"]
        try:
            extra = json.loads(row["extra"] or "{}")
        except json.JSONDecodeError as e:
            raise ValueError(f"{where}: extra is not JSON ({e})") from None
        return cls(sample_id=row["sample_id"], record_index=row["record_index"], question=users[-1],
                   reference=assistants[-1] if assistants else "", extra=extra, where=where)

    def need(self, *fields: str) -> list[Any]:
        """The values of `extra` fields the kind cannot do without."""
        missing = [f for f in fields if f not in self.extra]
        if missing:
            raise ValueError(f"{self.where}: extra has no {', '.join(map(repr, missing))}")
        return [self.extra[f] for f in fields]


def generation(max_gen_toks: int) -> dict:
    """lm-eval's generation settings of every generating kind: greedy, up to `max_gen_toks` tokens."""
    return {"until": list(STOP_SEQUENCES), "do_sample": False, "max_gen_toks": max_gen_toks}


def metrics(*names: str) -> list[dict]:
    """lm-eval metric entries of per-item values averaged over the benchmark, higher better."""
    return [{"metric": n, "aggregation": "mean", "higher_is_better": True} for n in names]


def generated_text(sample: dict) -> str:
    """The (filtered) reply of one logged lm-eval sample."""
    resp = sample.get("filtered_resps") or sample.get("resps") or [""]
    while isinstance(resp, (list, tuple)):
        resp = resp[0] if resp else ""
    return str(resp)


@dataclass(frozen=True)
class EvalKind:
    """One way of asking a model about benchmark items and scoring it.

    `document` maps an item to the lm-eval document (fields the task templates and `process_results`
    read; `id` and `prompt` always); `task_fields(max_gen_toks)` gives the task YAML fields beyond name
    and data; `process_results` is lm-eval's per-item hook (None for lm-eval's built-in metrics);
    `response` reads the reply of a logged sample for the predictions table."""
    name: str
    primary_metric: str
    document: Callable[[BenchmarkItem], dict]
    task_fields: Callable[[int], dict]
    process_results: Callable[[dict, list], dict[str, float]] | None = None
    response: Callable[[dict], str] = generated_text

    @property
    def hook_name(self) -> str:
        """The name of `process_results` in the task folder's hooks module."""
        return f"process_{self.name}"
