"""Answer scoring of the math and code evaluation kinds."""
from __future__ import annotations

import pytest

from training.evaluation.kinds.code import humaneval_program
from training.evaluation.kinds.code import process_results as process_code
from training.evaluation.kinds.math_exact import (
    answers_match,
    flexible_answer,
    strict_answer,
)
from training.evaluation.kinds.math_exact import process_results as process_math


@pytest.mark.parametrize("response,strict,flexible", [
    ("3 + 4 = 7. #### 7", "7", "7"),
    ("so the total is $1,250.\n#### 1,250", "1,250", "1,250"),
    ("The answer is \\boxed{\\frac{1}{2}}.", "\\frac{1}{2}", "\\frac{1}{2}"),
    ("She has 12 apples, then 15 apples.", None, "15"),
    ("no number here", None, None),
])
def test_answer_extraction(response, strict, flexible):
    assert strict_answer(response) == strict and flexible_answer(response) == flexible


def test_numeric_and_text_comparison():
    assert answers_match("1,250", "1250") and answers_match("7.0", "7") and answers_match("$18", "18")
    assert answers_match("\\frac{1}{2}", "0.5") and not answers_match("8", "7") and not answers_match(None, "7")
    assert answers_match("\\text{(C)}", "(c)")


def test_process_math_strict_vs_flexible():
    doc = {"answer": "15"}
    assert process_math(doc, ["12 and then 15"]) == {"exact_match": 1.0, "strict_match": 0.0}
    assert process_math(doc, ["#### 15"]) == {"exact_match": 1.0, "strict_match": 1.0}
    assert process_math(doc, ["#### 14 or 15"]) == {"exact_match": 0.0, "strict_match": 0.0}


DOC = {"prompt": "import math\n\ndef add(a, b):\n    \"\"\"Add.\"\"\"\n", "entry_point": "add",
       "test": "def check(f):\n    assert f(2, 3) == 5\n"}


@pytest.mark.parametrize("response,expected", [
    ("```python\ndef add(a, b):\n    return a + b\n```", 1.0),     # whole function in a fence
    ("    return a + b\n", 1.0),                                     # body continuing the prompt
    ("return a + b", 1.0),                                           # unindented body
    ("```python\ndef add(a, b):\n    return a - b\n```", 0.0),
    ("```python\ndef add(a, b):\n    while True:\n        pass\n```", 0.0),
    ("```python\ndef add(a, b):\n    open('/tmp/pwned', 'w')\n    return a + b\n```", 0.0),
])
def test_code_is_checked_in_the_sandbox(response, expected):
    assert "check(add)" in humaneval_program(DOC, response)
    assert process_code(DOC, [response]) == {"pass_at_1": expected}


def test_paired_bootstrap_detects_a_real_gap_and_not_a_null_one():
    import random

    from training.evaluation.compare import paired_bootstrap

    rng = random.Random(0)
    items = [str(i) for i in range(200)]
    better = {i: float(rng.random() < 0.6) for i in items}
    worse = {i: float(rng.random() < 0.3) for i in items}
    gap = paired_bootstrap(better, worse, metric="exact_match", n_resamples=2000)
    assert gap.significant and 0.15 < gap.gap < 0.45 and gap.ci_low < gap.gap < gap.ci_high
    same = paired_bootstrap(better, dict(better), n_resamples=500)
    assert same.gap == 0 and not same.significant
    seeds = paired_bootstrap([better, worse], [worse], n_resamples=2000)    # seed noise widens the interval
    assert seeds.n_seeds == (2, 1) and seeds.ci_high - seeds.ci_low > gap.ci_high - gap.ci_low
