"""Kind `math`: the model writes a solution (greedy), scored by exact match of its final answer.

The strict answer is the one after the last `####` (GSM8K style, what the arena's math data teaches)
or inside the last `\\boxed{}`; the flexible answer falls back to the last number of the reply, so an
untuned model that answers in prose is not scored zero for format alone. An answer matches the gold
numerically when both parse as numbers (1,000 == 1000.0, \\frac{1}{2} == 0.5), else as normalized
text. The answer formats are read by `ingest.answers`, as the gold answers were at ingest.
"""
from __future__ import annotations

import re

from ingest.answers import after_hash_marker, first_number, last_boxed, numbers
from training.evaluation.kinds.base import BenchmarkItem, EvalKind, generation, metrics
from training.evaluation.kinds.math_items import math_document


def _normalize(text: str) -> str:
    t = text.strip().strip(".").replace("$", "").replace(",", "").replace("\\!", "")
    t = re.sub(r"\\text\{([^}]*)\}", r"\1", t)
    return re.sub(r"\s+", "", t).lower()


def _as_number(text: str) -> float | None:
    t = _normalize(text).removesuffix("%")
    try:
        return float(t)
    except ValueError:
        m = re.fullmatch(r"\\?d?frac\{(-?\d+)\}\{(-?\d+)\}", t)
        if m and int(m[2]) != 0:
            return int(m[1]) / int(m[2])
        return None


def strict_answer(response: str) -> str | None:
    """The reply's marked answer: the number (else the first line) after the last `####`, or the
    content of the last `\\boxed{}`."""
    tail = after_hash_marker(response)
    if tail is not None:
        return first_number(tail) or (tail.splitlines()[0] if tail else None)
    return last_boxed(response)


def flexible_answer(response: str) -> str | None:
    strict = strict_answer(response)
    if strict is not None:
        return strict
    found = numbers(response)
    return found[-1] if found else None


def answers_match(predicted: str | None, gold: str) -> bool:
    if predicted is None:
        return False
    p, g = _as_number(predicted), _as_number(gold)
    if p is not None and g is not None:
        return abs(p - g) <= 1e-6 * max(1.0, abs(g))
    return _normalize(predicted) == _normalize(gold)


def process_results(doc: dict, results: list[str]) -> dict[str, float]:
    """lm-eval `process_results` hook: flexible and strict exact match of the greedy reply."""
    response = results[0]
    return {"exact_match": float(answers_match(flexible_answer(response), doc["answer"])),
            "strict_match": float(answers_match(strict_answer(response), doc["answer"]))}


def _document(item: BenchmarkItem) -> dict:
    return math_document(item, needs_solution=False)


def _task_fields(max_gen_toks: int) -> dict:
    return {"output_type": "generate_until", "doc_to_text": "{{prompt}}", "doc_to_target": "{{answer}}",
            "generation_kwargs": generation(max_gen_toks),
            "metric_list": metrics("exact_match", "strict_match")}


KIND = EvalKind(name="math", primary_metric="exact_match", document=_document, task_fields=_task_fields,
                process_results=process_results)
