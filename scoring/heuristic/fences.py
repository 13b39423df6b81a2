"""Finding code in text, shared by the code scorers: fenced blocks, Python candidates, parsing.

Python candidates are fenced blocks tagged python/py/python3, or, for a text without fences that
starts like Python source (def/class/import/from/print/for/if ... as Code Alpaca answers do), the
whole text. Validity is `ast` parsing under this interpreter's grammar (no code is executed);
`python_valid_ratio` is NaN when there is nothing to parse.
"""
from __future__ import annotations

import ast
import re
import warnings

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
