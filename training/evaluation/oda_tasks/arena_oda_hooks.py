"""lm-eval `!function` hooks of the project-written tasks of ODA's suite (this folder's YAML files).

Answers are read and compared as the arena's math kind does (training.evaluation.kinds.math_exact):
the final `\\boxed{}` (or `####` line, else the last number) against the gold, numerically when both
are numbers, else as normalized text.
"""
from __future__ import annotations

from training.evaluation.kinds.math_exact import answers_match, flexible_answer


def process_final_answer(doc: dict, results: list[str]) -> dict[str, float]:
    return {"exact_match": float(answers_match(flexible_answer(results[0]), str(doc["answer"])))}


def olympiadbench_docs(dataset):
    """OlympiadBench rows as (problem, answer): its question and the first of its final answers."""
    def to_doc(row: dict) -> dict:
        answers = row["final_answer"] or [""]
        return {"problem": row["question"], "answer": answers[0]}

    return dataset.map(to_doc, remove_columns=dataset.column_names)
