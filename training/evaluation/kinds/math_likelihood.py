"""Kind `math_likelihood`: the log-likelihood the model gives the reference solution, teacher-forced
(no generation). A graded signal where exact match is still near zero, and cheap."""
from __future__ import annotations

from training.evaluation.kinds.base import BenchmarkItem, EvalKind, metrics
from training.evaluation.kinds.math_items import math_document


def process_results(doc: dict, results: list) -> dict[str, float]:
    """lm-eval `process_results` hook: log-likelihood of the reference solution (summed over its
    tokens; comparable between models on the same items) and whether it is the greedy continuation."""
    loglikelihood, is_greedy = results[0]
    return {"gold_logprob": float(loglikelihood), "gold_greedy": float(is_greedy)}


def _document(item: BenchmarkItem) -> dict:
    return math_document(item, needs_solution=True)


def _task_fields(max_gen_toks: int) -> dict:
    return {"output_type": "loglikelihood", "doc_to_text": "{{prompt}}", "doc_to_target": "{{solution}}",
            "target_delimiter": "", "metric_list": metrics("gold_logprob", "gold_greedy")}


KIND = EvalKind(name="math_likelihood", primary_metric="gold_logprob", document=_document,
                task_fields=_task_fields, process_results=process_results)
