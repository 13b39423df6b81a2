"""The program that grades one LiveCodeBench solution, run inside the project's sandbox
(training.sandbox), never imported by the evaluator.

`livecodebench.py` appends a call `main(<payload>, <solution source>)` to this file's text and runs
the whole as one sandboxed program, so the model's code and the test data meet only inside the
sandbox. The program must work with the standard library alone: it runs as `python -I` after the
sandbox has dropped privileges, when only modules imported beforehand (the guard's list and the
`preload` the caller passes) can be used.

Grading follows LiveCodeBench's: tests run in order and grading stops at the first failure; each
test has its own time limit; a stdin/stdout program passes a test when its output and the expected
output have the same number of lines (after stripping both) and every line is equal after
stripping, or equal number by number; a functional (LeetCode) solution passes when
`Solution().<func_name>(*args)`, the args being the test input's lines JSON-decoded, equals the
JSON-decoded expected output (a tuple counting as a list). The last stdout line is the verdict,
`{"passed": k, "total": n}`; the exit status is 0 only when all n passed.
"""
import base64
import builtins
import io
import json
import signal
import sys
from decimal import Decimal, InvalidOperation

# Imports a LiveCodeBench solution may lean on without writing them (LiveCodeBench grades with the
# same convenience: LeetCode starter code uses `List`, solutions use `defaultdict`, `heapq`, ...).
PRELUDE = """\
from typing import *
from collections import *
from itertools import *
from functools import *
from heapq import *
from bisect import *
from math import *
from string import *
from copy import *
from operator import *
from statistics import *
import typing, collections, itertools, functools, heapq, bisect, math, string, copy, operator
import random, statistics, re, datetime, io, sys, json
sys.setrecursionlimit(50000)
"""


class Timeout(BaseException):
    """A test ran past its time limit (a BaseException, so `except Exception` cannot swallow it)."""


def _on_alarm(signum, frame):
    raise Timeout()


def _start_clock(seconds: float) -> None:
    signal.setitimer(signal.ITIMER_REAL, seconds)


def _stop_clock() -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)


def stripped_lines(text: str) -> list:
    return [line.strip() for line in text.strip().split("\n")]


def _as_decimals(line: str):
    try:
        return [Decimal(token) for token in line.split()]
    except InvalidOperation:
        return None


def output_matches(got: str, expected: str) -> bool:
    """Whether a program's stdout answers a test: same stripped lines, each equal as text or as the
    same sequence of numbers ("0.50" answers "0.5")."""
    got_lines, want_lines = stripped_lines(got), stripped_lines(expected)
    if len(got_lines) != len(want_lines):
        return False
    for g, w in zip(got_lines, want_lines):
        if g == w:
            continue
        g_num, w_num = _as_decimals(g), _as_decimals(w)
        if g_num is None or w_num is None or g_num != w_num:
            return False
    return True


def _stdin_open(data: str):
    """`open` for the solution: file descriptor 0 (`open(0).read()`) reads the test input."""
    real_open = builtins.open

    def open_(file, mode="r", *args, **kwargs):
        if isinstance(file, int) and file == 0 or file == "/dev/stdin":
            raw = io.BytesIO(data.encode())
            return raw if "b" in mode else io.TextIOWrapper(raw, encoding="utf-8")
        return real_open(file, mode, *args, **kwargs)
    return open_


def run_stdin_test(code, given: str, expected: str, timeout: float) -> bool:
    """Run the solution as a fresh `__main__` script on one test input; compare its output."""
    out = io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stdin = io.TextIOWrapper(io.BytesIO(given.encode()), encoding="utf-8")
    sys.stdout = stdout
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    try:
        _start_clock(timeout)
        exec(PRELUDE, namespace)  # noqa: S102 - running the solution is the point
        namespace["open"] = _stdin_open(given)
        exec(code, namespace)  # noqa: S102
    except SystemExit:
        pass                            # exit() ends the program; its output is still graded
    except (Exception, Timeout):  # noqa: BLE001 - any error fails the test
        return False
    finally:
        _stop_clock()
        try:
            stdout.flush()
        except ValueError:              # the solution closed its stdout
            pass
        sys.stdin, sys.stdout = sys.__stdin__, sys.__stdout__
    return output_matches(out.getvalue().decode("utf-8", errors="replace"), expected)


def load_functional(code, func_name: str, timeout: float):
    """The solution's method (a fresh `Solution()` per call) or function named `func_name`."""
    namespace = {"__name__": "solution", "__builtins__": builtins}
    sys.stdout = io.StringIO()          # prints while defining the solution are not its answer
    try:
        _start_clock(timeout)
        exec(PRELUDE, namespace)  # noqa: S102
        exec(code, namespace)  # noqa: S102
    finally:
        _stop_clock()
        sys.stdout = sys.__stdout__
    if "Solution" in namespace:
        return lambda *args: getattr(namespace["Solution"](), func_name)(*args)
    return namespace[func_name]


def run_functional_test(method, given: str, expected: str, timeout: float) -> bool:
    args = [json.loads(line) for line in given.split("\n")]
    want = json.loads(expected)
    sys.stdout = io.StringIO()
    try:
        _start_clock(timeout)
        got = method(*args)
    except (Exception, SystemExit, Timeout):  # noqa: BLE001 - any error fails the test
        return False
    finally:
        _stop_clock()
        sys.stdout = sys.__stdout__
    if isinstance(got, tuple):
        got = list(got)
    return got == want


def grade(payload: dict, source: str) -> int:
    """How many of the payload's tests pass, in order, before the first failure."""
    tests, timeout = payload["tests"], payload["timeout"]
    try:
        code = compile(source, "solution.py", "exec")
    except (SyntaxError, ValueError):
        return 0
    if payload["func_name"]:
        try:
            method = load_functional(code, payload["func_name"], timeout)
        except (Exception, SystemExit, Timeout):  # noqa: BLE001 - a solution that cannot load fails
            return 0
    passed = 0
    for given, expected in tests:
        if payload["func_name"]:
            ok = run_functional_test(method, given, expected, timeout)
        else:
            ok = run_stdin_test(code, given, expected, timeout)
        if not ok:
            break
        passed += 1
    return passed


def main(payload_b64: str, source: str) -> None:
    signal.signal(signal.SIGALRM, _on_alarm)
    sys.set_int_max_str_digits(50000)
    payload = json.loads(base64.b64decode(payload_b64))
    passed = grade(payload, source)
    total = len(payload["tests"])
    print(json.dumps({"passed": passed, "total": total}), file=sys.__stdout__, flush=True)
    sys.exit(0 if passed == total else 1)
