"""Per-item scoring used by the local lm-eval tasks: math answer extraction and code execution.

Math: the strict answer is the one after the last `####` (GSM8K style, what the arena's math data
teaches) or inside the last `\\boxed{}`; the flexible answer falls back to the last number in the
response, so an untuned model that answers in prose is not scored zero for format alone. Both are
compared to the gold numerically when both parse as numbers (1,000 == 1000.0), else as normalized text.

Code: the HumanEval program is prompt + completion + test + `check(entry_point)`, run in the sandbox.
"""
from __future__ import annotations

import re

from training.evaluation.benchmarks import last_boxed

_NUM = re.compile(r"-?\$?\d[\d,]*(?:\.\d+)?")


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
    if "####" in response:
        tail = response.split("####")[-1].strip()
        m = _NUM.search(tail)
        return m.group(0) if m else (tail.splitlines()[0] if tail else None)
    return last_boxed(response)


def flexible_answer(response: str) -> str | None:
    strict = strict_answer(response)
    if strict is not None:
        return strict
    nums = _NUM.findall(response)
    return nums[-1] if nums else None


def answers_match(predicted: str | None, gold: str) -> bool:
    if predicted is None:
        return False
    p, g = _as_number(predicted), _as_number(gold)
    if p is not None and g is not None:
        return abs(p - g) <= 1e-6 * max(1.0, abs(g))
    return _normalize(predicted) == _normalize(gold)


def process_math(doc: dict, results: list[str]) -> dict[str, float]:
    """lm-eval `process_results` hook for math tasks."""
    response = results[0]
    return {"exact_match": float(answers_match(flexible_answer(response), doc["answer"])),
            "strict_match": float(answers_match(strict_answer(response), doc["answer"]))}


def process_likelihood(doc: dict, results: list) -> dict[str, float]:
    """lm-eval `process_results` hook for `math_likelihood`: log-likelihood of the reference solution
    (summed over its tokens; comparable between models on the same items) and whether it is greedy."""
    loglikelihood, is_greedy = results[0]
    return {"gold_logprob": float(loglikelihood), "gold_greedy": float(is_greedy)}


def process_final_step(doc: dict, results: list) -> dict[str, float]:
    """lm-eval `process_results` hook for `math_final_step`: log-likelihood of the final result and
    answer line after the reference reasoning, and whether greedy decoding would write exactly them."""
    loglikelihood, is_greedy = results[0]
    return {"final_logprob": float(loglikelihood), "final_greedy": float(is_greedy)}


_FENCE = re.compile(r"```(?:python|py)?\s*\n(.*?)(?:```|$)", re.S)


def extract_code(response: str) -> str:
    """The completion's code: the first fenced block if any, else the raw text."""
    m = _FENCE.search(response)
    return m.group(1) if m else response


def humaneval_program(doc: dict, response: str) -> str:
    code = extract_code(response)
    # a reply restating the whole function stands alone; a body-only reply continues the prompt
    head = "" if re.search(rf"def\s+{re.escape(doc['entry_point'])}\s*\(", code) else doc["prompt"]
    if head and not code.startswith((" ", "\t")):
        # a body without indentation: indent it under the prompt's signature
        code = "\n".join("    " + line if line.strip() else line for line in code.splitlines())
    imports = "\n".join(line for line in doc["prompt"].splitlines() if line.startswith(("import ", "from ")))
    return f"{imports}\n{head}{code}\n\n{doc['test']}\n\ncheck({doc['entry_point']})\n"


def process_code(doc: dict, results: list[str]) -> dict[str, float]:
    """lm-eval `process_results` hook for code tasks: pass@1 of the greedy completion, sandboxed."""
    from training.sandbox import Limits, run_program

    execution = run_program(humaneval_program(doc, results[0]), Limits(wall_s=10, cpu_s=10))
    return {"pass_at_1": float(execution.passed)}
