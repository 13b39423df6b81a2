"""Whether two answers of KOR-Bench's operation questions are the same expression (`\\sqrt{22}`,
`5+5i`, `\\frac{\\cos(\\ln(x))}{x}`, `\\log_{8}{5}+\\log_{5}{8}`).

KOR-Bench compares these answers with sympy's LaTeX parser, which needs an antlr runtime this
environment does not have; here the LaTeX of those answers (fractions, roots, logarithms, the
elementary functions, powers, `e`, `i`, `pi`, the variables x, y, z) is rewritten into sympy syntax
and the two expressions are compared by value at a few points. Only whitelisted names and operator
characters ever reach sympy's parser, which evaluates what it parses: arbitrary text from a model
is refused, not evaluated.
"""
from __future__ import annotations

import cmath
import re

_FUNCTIONS = {"sqrt", "log", "sin", "cos", "tan", "cot", "sec", "csc", "exp", "asin", "acos", "atan",
              "sinh", "cosh", "tanh"}
_VARIABLES = {"x", "y", "z"}
_CONSTANTS = {"e", "i", "pi"}
_ALLOWED_TEXT = re.compile(r"[0-9a-z+\-*/().,\s]*")
_POINTS = ({"x": 0.7, "y": 1.3, "z": 2.2}, {"x": 1.9, "y": 0.4, "z": 1.1}, {"x": 3.1, "y": 2.6, "z": 0.3})
MAX_LENGTH = 300


def _braced(text: str, start: int) -> tuple[str, int] | None:
    """The content of the brace group opening at `start`, and the index after it."""
    if start >= len(text) or text[start] != "{":
        return None
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start + 1:i], i + 1
    return None


def _argument(text: str, start: int) -> tuple[str, int] | None:
    """A command's argument: a brace group, else the single character at `start`."""
    while start < len(text) and text[start] == " ":
        start += 1
    if start < len(text) and text[start] == "{":
        return _braced(text, start)
    return (text[start], start + 1) if start < len(text) else None


def _rewrite_commands(text: str) -> str | None:
    """`\\frac`, `\\sqrt` and `\\log_` with their arguments as sympy calls (arguments rewritten too)."""
    out, i = [], 0
    while i < len(text):
        m = re.match(r"\\(d?frac|tfrac|sqrt|log_)", text[i:])
        if not m:
            out.append(text[i])
            i += 1
            continue
        name, i = m.group(1), i + m.end()
        if name == "sqrt" and i < len(text) and text[i] == "[":
            close = text.find("]", i)
            if close < 0:
                return None
            degree, i = text[i + 1:close], close + 1
            arg = _argument(text, i)
            if arg is None:
                return None
            inner, degree = _rewrite_commands(arg[0]), _rewrite_commands(degree)
            if inner is None or degree is None:
                return None
            out.append(f"(({inner})**(1/({degree})))")
            i = arg[1]
            continue
        first = _argument(text, i)
        if first is None:
            return None
        if name == "sqrt":
            inner = _rewrite_commands(first[0])
            if inner is None:
                return None
            out.append(f"sqrt({inner})")
            i = first[1]
            continue
        second = _argument(text, first[1])
        if second is None:
            return None
        a, b = _rewrite_commands(first[0]), _rewrite_commands(second[0])
        if a is None or b is None:
            return None
        out.append(f"(({a})/({b}))" if name != "log_" else f"log({b},{a})")
        i = second[1]
    return "".join(out)


def to_sympy_text(latex: str) -> str | None:
    """`latex` in sympy's syntax, or None when it uses anything outside the supported subset."""
    text = latex.strip()
    if "=" in text:                         # "x = 3" answers 3: the side after the last "="
        text = text.rsplit("=", 1)[1]
    text = re.sub(r"\\text\{.*?\}", "", text)
    text = re.sub(r"\\(left|right|displaystyle|,|;|!)", "", text).replace("$", "")
    text = _rewrite_commands(text)
    if text is None or len(text) > MAX_LENGTH:
        return None
    for latex_name, name in (("\\ln", "log"), ("\\pi", "pi"), ("\\cdot", "*"), ("\\times", "*"), ("\\div", "/"),
                             ("×", "*"), ("−", "-"), ("·", "*")):
        text = text.replace(latex_name, f" {name} " if name.isalpha() else name)
    text = re.sub(r"\\(arcsin|arccos|arctan)", lambda m: " a" + m.group(1)[3:] + " ", text)
    text = re.sub(r"\\([a-z]+)", lambda m: f" {m.group(1)} " if m.group(1) in _FUNCTIONS else "\\", text)
    text = text.replace("^", "**").replace("{", "(").replace("}", ")").lower()
    # "2e-2" is 2e - 2 (Euler's number), never Python's 0.02
    text = re.sub(r"(\d)\s*e(?![a-z])", r"\1*e", text)
    if not _ALLOWED_TEXT.fullmatch(text) or "__" in text:
        return None
    for word in re.findall(r"[a-z]+", text):
        if word not in _FUNCTIONS | _CONSTANTS and not set(word) <= _VARIABLES:
            return None
    return text


def parse(latex: str):
    """The sympy expression of a supported LaTeX answer, or None."""
    from sympy import E, I, Symbol, pi
    from sympy.parsing.sympy_parser import (
        convert_xor,
        implicit_multiplication_application,
        parse_expr,
        standard_transformations,
    )

    text = to_sympy_text(latex)
    if not text:
        return None
    names = {"e": E, "i": I, "pi": pi} | {v: Symbol(v) for v in _VARIABLES}
    try:
        expr = parse_expr(text, local_dict=names, evaluate=False,
                          transformations=standard_transformations + (implicit_multiplication_application, convert_xor))
    except Exception:       # noqa: BLE001 - any text sympy cannot read is simply not an expression
        return None
    return expr if _bounded_powers(expr) else None


def _bounded_powers(expr) -> bool:
    """Whether every constant exponent is at most 1000 in size (innermost first), so evaluating the
    expression cannot stall on a tower like 9^9^9^9."""
    from sympy import postorder_traversal

    for node in postorder_traversal(expr):
        if getattr(node, "is_Pow", False) and node.exp.is_number:
            try:
                if abs(complex(node.exp.evalf())) > 1000:
                    return False
            except (TypeError, ValueError, OverflowError):
                return False
    return True


def _value(expr, point: dict) -> complex | None:
    from sympy import Symbol

    try:
        value = complex(expr.evalf(subs={Symbol(k): v for k, v in point.items()}))
    except Exception:       # noqa: BLE001 - undefined at this point (log of 0, overflow, ...)
        return None
    return None if cmath.isnan(value) else value


def same_value(a, b) -> bool:
    """Whether two sympy expressions agree (relative 1e-6) wherever both can be evaluated, at
    least at one of the sample points."""
    agreed = False
    for point in _POINTS:
        va, vb = _value(a, point), _value(b, point)
        if va is None and vb is None:
            continue
        if va is None or vb is None or abs(va - vb) > 1e-6 * max(1.0, abs(va), abs(vb)):
            return False
        agreed = True
    return agreed


def expressions_equal(response: str, answer: str) -> bool:
    """Whether two LaTeX answers are the same expression; text equality where either cannot be read."""
    a, b = parse(response), parse(answer)
    if a is None or b is None:
        return response.strip() == answer.strip()
    return same_value(a, b)


def expression_sets_equal(response: str, answer: str) -> bool:
    """Answers listing several expressions joined by "or" (the roots of an equation): the same
    expressions in any order."""
    mine = [p.strip() for p in response.split("or") if p.strip()]
    gold = [p.strip() for p in answer.split("or") if p.strip()]
    if len(mine) != len(gold):
        return False
    unmatched = list(gold)
    for part in mine:
        match = next((g for g in unmatched if expressions_equal(part, g)), None)
        if match is None:
            return False
        unmatched.remove(match)
    return True
