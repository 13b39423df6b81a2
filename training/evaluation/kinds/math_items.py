"""Math benchmark items as documents, shared by the math kinds: the question, the gold final answer
(`extra.answer`, kept by ingest from the reference solution) and the worked reference solution
(`extra.solution`, else the item's assistant turn)."""
from __future__ import annotations

from training.evaluation.kinds.base import BenchmarkItem


def math_document(item: BenchmarkItem, *, needs_solution: bool) -> dict:
    (answer,) = item.need("answer")
    solution = item.extra.get("solution") or item.reference
    if needs_solution and not solution:
        raise ValueError(f"{item.where}: no reference solution (assistant turn) to score")
    return {"id": item.sample_id, "prompt": item.question, "answer": str(answer).strip(), "solution": solution}
