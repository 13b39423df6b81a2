"""lm-eval hooks of `oda_livecodebench_v5`: LiveCodeBench code generation as ODA evaluates it.

Problems are rows of the Hub dataset livecodebench/code_generation_lite, whose loading script
picks JSON-lines files by `version_tag`; `release_v5` is test.jsonl to test5.jsonl (the task YAML
names them as plain `json` data files: `datasets` no longer runs loading scripts). Each row holds
`question_content`, `starter_code`, `public_test_cases` (JSON), `private_test_cases` (JSON, or
base64 of zlib of a pickled JSON string), `metadata` (JSON; `func_name` for LeetCode problems),
`platform`, `difficulty` and `contest_date`.

ODA's Qwen3 LiveCodeBench config (OpenDataArena/opencompass,
opencompass/configs/datasets/livecodebench/livecodebench_gen_qwen3.py) evaluates `release_v5`
restricted to contests from 2024-08-01 to 2025-02-01 (both ends included, as OpenCompass filters),
with a 6-second limit per test; `v5_docs` applies that window.

The prompt has LiveCodeBench's layout (a `### Question:` section, then a `### Format:` section with
the starter code, or stdin/stdout instructions and an empty code block), worded by the project. The
reply's last fenced code block is the solution (LiveCodeBench's extraction); it passes when every
public and private test passes, run in the project's sandbox (training.sandbox) by
`livecodebench_harness.py`.
"""
from __future__ import annotations

import base64
import io
import json
import pickle
import zlib
from datetime import datetime
from pathlib import Path

from training.evaluation.oda_tasks.replies import drop_reasoning

WINDOW = (datetime(2024, 8, 1), datetime(2025, 2, 1))
TEST_TIMEOUT_S = 6
HARNESS = Path(__file__).with_name("livecodebench_harness.py")
# standard modules the harness and common solutions import, loaded before the sandbox drops
# privileges (training.sandbox.run_program's `preload`)
PRELOAD = ("signal", "queue", "threading", "pprint", "calendar")

_WITH_STARTER = ("### Format: Complete the starter code below into a solution of the problem and "
                 "put your code in a fenced Python block.\n")
_STDIN = ("### Format: Write a program that reads the input from standard input, solves the problem and "
          "prints the answer to standard output (do not run it on the sample tests yourself). Put the "
          "whole program in a fenced Python block: run as a script, it must read the input, run the "
          "algorithm and write the output.\n")


def prompt(question: str, starter_code: str) -> str:
    """The zero-shot prompt of one problem."""
    text = f"### Question:\n{question}\n\n"
    if starter_code:
        return text + _WITH_STARTER + f"```python\n{starter_code}\n```\n\n"
    return text + _STDIN + "```python\n# YOUR CODE HERE\n```\n\n"


def in_window(contest_date: str | datetime, window: tuple[datetime, datetime] = WINDOW) -> bool:
    """Whether a contest date is in the window; the `json` loader reads the dates' ISO text as
    timestamps already."""
    if not isinstance(contest_date, datetime):
        contest_date = datetime.fromisoformat(contest_date)
    return window[0] <= contest_date <= window[1]


def v5_docs(dataset):
    """process_docs: the problems of ODA's v5 window, with their prompt, id and `func_name`."""
    def to_doc(row: dict) -> dict:
        func_name = json.loads(row["metadata"] or "{}").get("func_name") or ""
        return {"id": row["question_id"], "prompt": prompt(row["question_content"], row["starter_code"]),
                "func_name": func_name}

    return dataset.filter(lambda row: in_window(row["contest_date"])).map(to_doc)


class _TextOnlyUnpickler(pickle.Unpickler):
    """Reads the pickled JSON string of `private_test_cases`; refuses any class or function, so a
    tampered blob cannot run code in the evaluator."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a test-case blob")


def decode_tests(field: str) -> list[dict]:
    """A test-case field as the list of {input, output, testtype} it holds."""
    try:
        return json.loads(field)
    except json.JSONDecodeError:
        text = _TextOnlyUnpickler(io.BytesIO(zlib.decompress(base64.b64decode(field.encode())))).load()
        return json.loads(text)


def problem_tests(doc: dict) -> list[tuple[str, str]]:
    """(input, expected output) of every public, then private, test."""
    return [(t["input"], t["output"])
            for t in decode_tests(doc["public_test_cases"]) + decode_tests(doc["private_test_cases"])]


def last_code_block(reply: str) -> str:
    """The last fenced block of the reply's answer (after any reasoning): the lines between the last
    two lines holding a ``` fence, "" when there are fewer than two."""
    lines = drop_reasoning(reply).split("\n")
    fences = [i for i, line in enumerate(lines) if "```" in line]
    if len(fences) < 2:
        return ""
    return "\n".join(lines[fences[-2] + 1:fences[-1]])


def extract_code(resps: list[list[str]], docs: list[dict]) -> list[list[str]]:
    """lm-eval custom filter: each reply's solution code."""
    return [[last_code_block(r) for r in resp] for resp in resps]


def grading_program(code: str, tests: list[tuple[str, str]], func_name: str,
                    timeout: float = TEST_TIMEOUT_S) -> str:
    """The sandboxed program grading `code` on `tests`: the harness and a call of its `main`."""
    payload = json.dumps({"tests": tests, "func_name": func_name, "timeout": timeout})
    payload_b64 = base64.b64encode(payload.encode()).decode()
    return f"{HARNESS.read_text()}\n\nmain({payload_b64!r}, {code!r})\n"


def run_tests(code: str, tests: list[tuple[str, str]], func_name: str,
              timeout: float = TEST_TIMEOUT_S) -> dict:
    """Grade `code` in the sandbox: {"passed": tests passed before the first failure, "total": n,
    "status": the sandbox's}. The sandbox's own deadline is LiveCodeBench's overall one,
    (per-test limit + 1) x tests + 5 seconds."""
    from training.sandbox import Limits, run_program

    deadline = (timeout + 1) * len(tests) + 5
    execution = run_program(grading_program(code, tests, func_name, timeout),
                            Limits(wall_s=deadline, cpu_s=int(deadline) + 1, memory_bytes=4 << 30),
                            preload=PRELOAD)
    verdict = {"passed": 0, "total": len(tests)}
    lines = execution.stdout.strip().splitlines()
    if lines:
        try:
            verdict = json.loads(lines[-1])
        except json.JSONDecodeError:
            pass
    return {"passed": int(verdict.get("passed", 0)), "total": len(tests), "status": execution.status}


def process_results(doc: dict, results: list[str]) -> dict[str, float]:
    """pass@1 of the greedy solution: 1 when every public and private test passes."""
    code = results[0]
    tests = problem_tests(doc)
    if not code.strip() or not tests:
        return {"pass_at_1": 0.0}
    outcome = run_tests(code, tests, doc["func_name"])
    return {"pass_at_1": float(outcome["status"] == "passed" and outcome["passed"] == outcome["total"])}
