"""Arithmetic check: do the calculations a response writes out hold?

Every `<number> <op> <number> ... = <number>` the response states (ops + - * / x × ÷) is recomputed, and
the share that holds is the score. This scorer sees correctness: a solution whose arithmetic is wrong
states a wrong result, so on worked-solution data (GSM8K-style steps) it separates right answers from
wrong ones without any gold answer. It checks the stated calculations only, not whether they are the
right ones for the question, so a solution that sets the problem up wrongly but computes cleanly
still scores 1. `final_answer_consistent` compares a `#### <answer>` line with the last stated result.
"""
from __future__ import annotations

import math
import re

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec
from scoring.registry import register

NUMBER = r"\d[\d,]*(?:\.\d+)?"
OPERAND = rf"\$?{NUMBER}"          # an amount of money is a number too: $12 * 3 = $36
EQUATION = re.compile(rf"((?:{OPERAND}\s*[-+*/×x÷]\s*)+{OPERAND})\s*=\s*(-?\$?{NUMBER})")
FINAL = re.compile(rf"^\s*####\s*\$?(-?{NUMBER})", re.M)


def _number(text: str) -> float:
    return float(text.replace(",", "").replace("$", ""))


OPERATOR = re.compile(r"\s*([-+*/×x÷])\s*")
MULTIPLY, DIVIDE = frozenset("*×x"), frozenset("/÷")
LINE_BREAK = re.compile(r"[^\S \t\f]")   # whitespace other than blanks: a calculation does not span it


def evaluate(expression: str) -> float | None:
    """The value of `a op b op c` (as EQUATION matches it) with the usual precedence, in floats, left
    to right within each precedence level; None when it cannot be computed: a division by zero, an
    integer written with leading zeros (`05`), or a line break or non-breaking space inside (what
    Python's grammar rejects in an expression too).

    A two-level fold rather than Python's parser: it is the scorer's hottest step on worked solutions
    (ast.parse costs ~20 us an equation)."""
    if LINE_BREAK.search(expression):
        return None
    parts = OPERATOR.split(expression)            # operands at even positions, operators between
    values = []
    for operand in parts[::2]:
        digits = operand.replace(",", "").replace("$", "")
        if "." not in digits and digits[0] == "0" and digits.strip("0"):
            return None
        values.append(float(digits))
    terms, signs = [values[0]], []
    for op, value in zip(parts[1::2], values[1:]):
        if op in MULTIPLY:
            terms[-1] *= value
        elif op in DIVIDE:
            if value == 0:
                return None
            terms[-1] /= value
        else:
            terms.append(value)
            signs.append(op)
    total = terms[0]
    for sign, term in zip(signs, terms[1:]):
        total = total + term if sign == "+" else total - term
    return total


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
