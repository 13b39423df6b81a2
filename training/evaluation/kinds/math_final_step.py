"""Kind `math_final_step`: the model is given the question and the reference reasoning (prefilled as
its own turn) and scored on the final result, by log-likelihood.

It isolates whether a model finishes a correct derivation correctly, the skill that training on wrong
final answers erodes, without the noise of long free generations from a small model.
"""
from __future__ import annotations

import re

from ingest.answers import HASH_MARKER
from training.evaluation.kinds.base import BenchmarkItem, EvalKind, metrics
from training.evaluation.kinds.math_items import math_document

_RESULT = re.compile(r"\s*\S+?(?=[.,;:!?]?(?:\s|$))")


def split_final_step(solution: str, where: str) -> dict[str, str]:
    """{"reasoning", "final"}: the solution up to and including the last `=` before its `####` answer
    line, and the result that follows it (` 17` of `12 + 5 = 17 km.`, ` $8` of `= $8.`). Only the
    number is scored: the answer line after it is a copy, and scoring it would measure whether a model
    learned the `####` format rather than whether it computes the final step. `reasoning` never ends
    in whitespace: chat templates strip it from a prefilled assistant turn, which would shift the cut."""
    answer_at = solution.rfind(HASH_MARKER)
    if answer_at < 0:
        raise ValueError(f"{where}: the solution has no '####' answer line to score")
    cut = solution.rfind("=", 0, answer_at) + 1
    if cut == 0:
        raise ValueError(f"{where}: the solution computes nothing (no '=') before its answer line")
    result = _RESULT.match(solution, cut)
    if result is None or not result.group().strip():
        raise ValueError(f"{where}: no result after the last '=' of the solution")
    return {"reasoning": solution[:cut], "final": result.group()}


def process_results(doc: dict, results: list) -> dict[str, float]:
    """lm-eval `process_results` hook: log-likelihood of the final result after the reference
    reasoning, and whether greedy decoding would write exactly it."""
    loglikelihood, is_greedy = results[0]
    return {"final_logprob": float(loglikelihood), "final_greedy": float(is_greedy)}


def _document(item: BenchmarkItem) -> dict:
    doc = math_document(item, needs_solution=True)
    return doc | split_final_step(doc["solution"], item.where)


def _task_fields(max_gen_toks: int) -> dict:
    # the reasoning is prefilled as the assistant's turn (lm-eval's gen_prefix), the final step scored
    return {"output_type": "loglikelihood", "doc_to_text": "{{prompt}}", "gen_prefix": "{{reasoning}}",
            "doc_to_target": "{{final}}", "target_delimiter": "",
            "metric_list": metrics("final_logprob", "final_greedy")}


KIND = EvalKind(name="math_final_step", primary_metric="final_logprob", document=_document,
                task_fields=_task_fields, process_results=process_results)
