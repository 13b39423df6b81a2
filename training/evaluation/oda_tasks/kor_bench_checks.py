"""KOR-Bench's answer checks: whether a reply's `[[...]]` answer is the gold one, per category.

Restated from the benchmark's evaluation (KOR-Bench/KOR-Bench, eval/eval_utils.py) without its
code. The answer read is the reply's first `[[...]]` (else a `$\\boxed{...}$`, else a `[...]`), as
the benchmark reads it. Then, by category:

- cipher, counterfactual, and operation answers without a special form: equal once quotes, line
  breaks, spaces and square brackets are removed;
- logic: equal once quotes, line breaks, spaces and periods are removed; rule 5's answers are
  `;`-separated statements in any order;
- operation: the two set-builder answers (questions 178, 179) compare their sorted inequalities,
  rule 18 (set operations) the sorted characters of the elements, rules 23-25 (matrices) their
  integers in order; the questions whose answers are expressions (the benchmark's list of question
  numbers) compare as expressions (kor_bench_math), and answers joined by "or" as a set;
- puzzle: rule by rule (letters only, one of several accepted words, the same words in any order,
  `X=d` assignments in any order, an arithmetic equation with the gold's operators and result, a
  24-game expression over the gold's numbers, the marks without separators), else letters and
  digits only.

Where the benchmark's code departs from its evident intent the intent is followed, and both sides
are normalised alike (its rule-5 logic check keeps the brackets on the reply side only, so order
never matters to it in practice; its one-of-several-words puzzle check accepts any substring of the
accepted words).
"""
from __future__ import annotations

import ast
import re
import warnings
from fractions import Fraction

from training.evaluation.oda_tasks.kor_bench_math import (
    expression_sets_equal,
    expressions_equal,
)

# operation questions whose answers are expressions (the benchmark's list, by question number)
EXPRESSION_QUESTIONS = frozenset([18, 73, 74, 77, 94, 115, 116, 117, 121, 122, 123, 125, 131, 132, 134, 135, 136,
                                  141, 143, 149, 145, 146, 147, *range(151, 157), 160, 161, 162, 164, 165, 166,
                                  170, 206, 209, *range(211, 216), 217, 218])
SET_BUILDER_QUESTIONS = frozenset([178, 179])


def bracketed(text: str) -> str | None:
    """The first `[[...]]` answer's content (stripped), else a `$\\boxed{}$`'s, else a `[...]`'s."""
    for pattern in (r"\[\[\s*(.*?)\s*\]\]", r"\$\\boxed\{(.*?)\}\$", r"\[\s*(.*?)\s*\]"):
        m = re.search(pattern, text, re.DOTALL)
        if m:
            return m.group(1).strip()
    return None


def double_bracketed(text: str) -> str | None:
    """The first `[[...]]`'s content as written (the puzzle checks read only this form)."""
    m = re.search(r"\[\[(.*?)\]\]", text, re.DOTALL)
    return m.group(1) if m else None


def _plain(s: str) -> str:
    return re.sub(r'["\n \[\]]', "", s)


def _logic_plain(s: str) -> str:
    return re.sub(r'["\n .]', "", s)


def _math_plain(s: str) -> str:
    return re.sub(r'["\n\[\]$]', "", s)


def _integers(s: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", s)]


def _inequalities(s: str) -> list[str]:
    return sorted("".join(m) for m in re.findall(r"(≥|≤)\s*(-?\d+\.?\d*)", s))


def _arith(expr: str) -> Fraction | None:
    """The exact value of an arithmetic expression of numbers, + - * / and parentheses, else None
    (never `eval`: the expression is the model's)."""
    try:
        with warnings.catch_warnings():         # "2x" and the like warn before they fail
            warnings.simplefilter("ignore", SyntaxWarning)
            tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError:
        return None

    def value(node) -> Fraction:
        if isinstance(node, ast.Expression):
            return value(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return Fraction(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            v = value(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
            a, b = value(node.left), value(node.right)
            if isinstance(node.op, ast.Add):
                return a + b
            if isinstance(node.op, ast.Sub):
                return a - b
            if isinstance(node.op, ast.Mult):
                return a * b
            return a / b
        raise ValueError("not arithmetic")

    try:
        return value(tree)
    except (ValueError, ZeroDivisionError):
        return None


def _ascii_ops(s: str) -> str:
    return s.replace("×", "*").replace("−", "-").replace("÷", "/")


# ---- puzzle rules (by rule id), each on the inner text of the reply's and the gold's [[...]] ----

def _letters(s: str) -> str:
    return re.sub(r"[^A-Za-z]", "", s).lower()


def _puzzle_letters(got: str, gold: str) -> bool:
    return _letters(got) == _letters(gold)


def _puzzle_one_of_comma_list(got: str, gold: str) -> bool:
    return _letters(got) in gold.split(",")


def _puzzle_same_words(got: str, gold: str) -> bool:
    return sorted(w for w in re.split(r"\W+", got.lower()) if w) == sorted(gold.split(" "))


def _puzzle_one_of_words(got: str, gold: str) -> bool:
    return _letters(got) in {w.lower() for w in gold.split()}


def _puzzle_assignments(got: str, gold: str) -> bool:
    return sorted(re.sub(r"\s+", "", got).split(",")) == sorted(gold.split(","))


def _puzzle_equation(got: str, gold: str) -> bool:
    """An equation with the gold's operators in order whose left side has the gold's result."""
    got, gold = _ascii_ops(got), _ascii_ops(gold)
    if re.findall(r"[+\-*/]", got.split("=")[0]) != re.findall(r"[+\-*/]", gold.split("=")[0]):
        return False
    result = re.search(r"=\s*(-?\d+)", gold)
    left = _arith(got.split("=")[0])
    return result is not None and left is not None and left == int(result.group(1))


def _puzzle_24(got: str, gold: str) -> bool:
    """An expression using the same numbers as the gold's (first) one and making 24."""
    got = _ascii_ops(got).split("=")[0]
    gold = gold.split("\n")[0].split("=")[0]
    if sorted(re.sub(r"\W+", "", got)) != sorted(re.sub(r"\W+", "", gold)):
        return False
    return _arith(got) == 24


def _puzzle_marks(got: str, gold: str) -> bool:
    return re.sub(r"[,\s\[\]]+", "", got) == re.sub(r"[,\s\[\]]+", "", gold)


def _puzzle_general(got: str, gold: str) -> bool:
    return re.sub(r"\W+", "", got) == re.sub(r"\W+", "", gold)


PUZZLE_RULES = {"1": _puzzle_letters, "2": _puzzle_one_of_comma_list, "3": _puzzle_same_words,
                "4": _puzzle_one_of_words, "5": _puzzle_assignments, "9": _puzzle_equation, "10": _puzzle_24,
                "18": _puzzle_marks}


# ---- per category ----

def _check_logic(reply: str, answer: str, rule_id: str) -> bool:
    got, gold = bracketed(reply), bracketed(answer)
    if got is None or gold is None:
        return False
    if rule_id == "5":
        return sorted(_logic_plain(got).split(";")) == sorted(_logic_plain(gold).split(";"))
    return _logic_plain(got) == _logic_plain(gold)


def _check_operation(reply: str, answer: str, rule_id: str, idx: int) -> bool:
    got, gold = bracketed(reply), bracketed(answer)
    if got is None or gold is None:
        return False
    if idx in SET_BUILDER_QUESTIONS:
        return _inequalities(_plain(got)) == _inequalities(gold)
    if rule_id == "18":
        return sorted(re.sub(r"\W+", "", _plain(got))) == sorted(re.sub(r"\W+", "", gold))
    if rule_id in {"23", "24", "25"}:
        return _integers(_plain(got)) == _integers(gold)
    if idx in EXPRESSION_QUESTIONS:
        got, gold = _math_plain(got), _math_plain(gold)
        return expression_sets_equal(got, gold) if "or" in gold else expressions_equal(got, gold)
    if "or" in gold:
        got = _plain(got).replace("\\text{or}", "or")
        return sorted(p.strip() for p in got.split("or")) == sorted(p.strip() for p in _plain(gold).split("or"))
    return _plain(got) == _plain(gold)


def _check_puzzle(reply: str, answer: str, rule_id: str) -> bool:
    got, gold = double_bracketed(reply), double_bracketed(answer)
    if got is None or gold is None:
        return False
    return PUZZLE_RULES.get(rule_id, _puzzle_general)(got, gold)


def is_correct(category: str, reply: str, answer: str, rule_id: str, idx: int) -> bool:
    """Whether `reply` (the answer part of the model's reply) answers a question of `category` whose
    gold is `answer` (as written in the data, `[[...]]`)."""
    if category == "logic":
        return _check_logic(reply, answer, rule_id)
    if category == "operation":
        return _check_operation(reply, answer, rule_id, idx)
    if category == "puzzle":
        return _check_puzzle(reply, answer, rule_id)
    got, gold = bracketed(reply), bracketed(answer)
    return got is not None and gold is not None and _plain(got) == _plain(gold)
