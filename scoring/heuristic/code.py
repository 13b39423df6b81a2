"""Code in text: fenced code blocks and whether the Python in them parses.

Python candidates are fenced blocks tagged python/py/python3, or, for a text without fences that
starts like Python source (def/class/import/from/print/for/if ... as Code Alpaca answers do), the
whole text. Validity is `ast` parsing under this interpreter's grammar (no code is executed);
`python_valid_ratio` is NaN when there is nothing to parse.
"""
from __future__ import annotations

import ast
import re
import warnings

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import NAN, arr, heuristic_spec

FENCE = re.compile(r"^[ \t]*```[ \t]*([\w+#.-]*)[^\n]*\n(.*?)^[ \t]*```", re.M | re.S)
PY_TAGS = {"python", "py", "python3", "py3"}
PY_START = re.compile(r"^\s*(?:def |class |import |from \w|print\(|for |while |if |with |@\w|#!.*python)")


def code_blocks(text: str) -> list[tuple[str, str]]:
    if "```" not in text:
        return []
    return [(m.group(1).lower(), m.group(2)) for m in FENCE.finditer(text)]


def parses(source: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(source)
            return True
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False


class CodeBlocks(PointwiseScorer):
    spec = heuristic_spec("code_blocks", "Fenced code blocks and the share of characters inside them.", [
        Dimension("code_blocks", "number of ``` fenced blocks", None, (0, float("inf"))),
        Dimension("code_share", "characters inside fenced blocks / characters", None, (0, 1)),
    ])

    def score(self, batch, stats):
        n, share = [], []
        for t in stats.text(self.side):
            blocks = code_blocks(t)
            n.append(len(blocks))
            share.append(sum(len(b) for _, b in blocks) / len(t) if t else NAN)
        return PointwiseResult({"code_blocks": arr(n), "code_share": arr(share)})


class PythonSyntax(PointwiseScorer):
    spec = heuristic_spec("python_syntax", "Python snippets and the share that parse.", [
        Dimension("python_snippets", "Python blocks found (or 1 for a bare Python text)", None, (0, float("inf"))),
        Dimension("python_valid_ratio", "share of Python snippets that parse; NaN without any", True, (0, 1)),
    ])

    def score(self, batch, stats):
        count, valid = [], []
        for t in stats.text(self.side):
            blocks = code_blocks(t)
            if blocks:
                snippets = [b for tag, b in blocks if tag in PY_TAGS]
            else:
                snippets = [t] if PY_START.match(t) else []
            count.append(len(snippets))
            valid.append(sum(map(parses, snippets)) / len(snippets) if snippets else NAN)
        return PointwiseResult({"python_snippets": arr(count), "python_valid_ratio": arr(valid)})
