"""Arithmetic check: do the calculations a response writes out hold?

Every `<number> <op> <number> ... = <number>` the response states (ops + - * / x × ÷) is recomputed, and
the share that holds is the score. This scorer sees correctness: a solution whose arithmetic is wrong
states a wrong result, so on worked-solution data (GSM8K-style steps) it separates right answers from
wrong ones without any gold answer. It checks the stated calculations only, not whether they are the
right ones for the question, so a solution that sets the problem up wrongly but computes cleanly
still scores 1. `final_answer_consistent` compares a `#### <answer>` line with the last stated result.
"""
from __future__ import annotations

import ast
import math
import operator
import re

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.registry import register

NUMBER = r"\d[\d,]*(?:\.\d+)?"
OPERAND = rf"\$?{NUMBER}"          # an amount of money is a number too: $12 * 3 = $36
EQUATION = re.compile(rf"((?:{OPERAND}\s*[-+*/×x÷]\s*)+{OPERAND})\s*=\s*(-?\$?{NUMBER})")
FINAL = re.compile(rf"^\s*####\s*\$?(-?{NUMBER})", re.M)
OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _number(text: str) -> float:
    return float(text.replace(",", "").replace("$", ""))


def evaluate(expression: str) -> float | None:
    """The value of `a op b op c` with the usual precedence; None when it cannot be computed."""
    source = expression.replace(",", "").replace("$", "").replace("×", "*").replace("÷", "/").replace("x", "*")
    try:
        tree = ast.parse(source, mode="eval").body
    except SyntaxError:
        return None

    def value(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            return OPERATORS[type(node.op)](value(node.left), value(node.right))
        raise ValueError(node)

    try:
        return value(tree)
    except (ValueError, ZeroDivisionError):
        return None


def check(text: str) -> tuple[int, float, float]:
    """(equations checked, share that hold, final answer == last stated result) of one response."""
    held, checked, last = 0, 0, None
    for left, right in EQUATION.findall(text):
        computed = evaluate(left)
        if computed is None:
            continue
        stated = _number(right)
        checked += 1
        held += math.isclose(computed, stated, rel_tol=1e-6, abs_tol=1e-6)
        last = stated
    final = FINAL.search(text)
    consistent = NAN if final is None or last is None else float(math.isclose(_number(final.group(1)), last))
    return checked, (held / checked if checked else NAN), consistent


@register
class ArithmeticCheck(PointwiseScorer):
    spec = heuristic_spec("arithmetic_check", "Recomputes the calculations a response states (sees correctness).", [
        Dimension("equations_checked", "count of 'a op b = c' calculations found", None, (0, float("inf"))),
        Dimension("arithmetic_correct", "share of the stated calculations that hold", True, (0, 1)),
        Dimension("final_answer_consistent", "1 if the '####' answer equals the last stated result", True, (0, 1)),
    ], sides=("A",))

    def score(self, batch, stats):
        rows = [check(t) if "=" in t else (0, NAN, NAN) for t in stats.text(self.side)]
        return PointwiseResult({"equations_checked": arr([r[0] for r in rows]),
                                "arithmetic_correct": arr([r[1] for r in rows]),
                                "final_answer_consistent": arr([r[2] for r in rows])})
