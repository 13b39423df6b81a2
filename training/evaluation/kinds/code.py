"""Kind `code`: the model completes a function (greedy), scored pass@1 by running the benchmark's
tests on it in the sandbox (HumanEval style).

The program run is the prompt's imports, the function (the prompt plus a body-only reply, or a reply
that restates the whole function), the item's test code and `check(entry_point)`. Items come from
ingest's `humaneval` format, whose `extra` keeps `test` and `entry_point`.
"""
from __future__ import annotations

import re

from training.evaluation.kinds.base import BenchmarkItem, EvalKind, generation, metrics

_FENCE = re.compile(r"```(?:python|py)?\s*\n(.*?)(?:```|$)", re.DOTALL)


def extract_code(response: str) -> str:
    """The reply's code: the first fenced block if any, else the raw text."""
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


def process_results(doc: dict, results: list[str]) -> dict[str, float]:
    """lm-eval `process_results` hook: pass@1 of the greedy completion, sandboxed."""
    from training.sandbox import Limits, run_program

    execution = run_program(humaneval_program(doc, results[0]), Limits(wall_s=10, cpu_s=10))
    return {"pass_at_1": float(execution.passed)}


def _document(item: BenchmarkItem) -> dict:
    test, entry_point = item.need("test", "entry_point")
    return {"id": item.sample_id, "prompt": item.question, "test": test, "entry_point": entry_point}


def _task_fields(max_gen_toks: int) -> dict:
    return {"output_type": "generate_until",
            "doc_to_text": "Complete the following Python function.\n\n```python\n{{prompt}}```",
            "doc_to_target": "{{entry_point}}", "generation_kwargs": generation(max_gen_toks),
            "metric_list": metrics("pass_at_1")}


KIND = EvalKind(name="code", primary_metric="pass_at_1", document=_document, task_fields=_task_fields,
                process_results=process_results)
