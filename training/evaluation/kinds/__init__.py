"""The registry of evaluation kinds: one module per kind (its documents, lm-eval task fields and
scoring), listed here by name. A benchmark names its kind in benchmarks.yaml."""
from __future__ import annotations

import difflib

from training.evaluation.kinds import (
    code,
    math_exact,
    math_final_step,
    math_likelihood,
    multiple_choice,
)
from training.evaluation.kinds.base import BenchmarkItem, EvalKind

KINDS: dict[str, EvalKind] = {k.name: k for k in (math_exact.KIND, math_likelihood.KIND, math_final_step.KIND,
                                                   multiple_choice.KIND, code.KIND)}


def get_kind(name: str) -> EvalKind:
    if name not in KINDS:
        close = difflib.get_close_matches(name, KINDS, n=3)
        raise KeyError(f"unknown evaluation kind {name!r}; known: {sorted(KINDS)}"
                       + (f". Did you mean {close}?" if close else ""))
    return KINDS[name]


def hooks_module_source() -> str:
    """The `!function` hooks module written beside the local task files: every kind's
    `process_results` under its hook name (lm-eval imports hooks from the task folder)."""
    lines = ['"""lm-eval `!function` hooks of the arena\'s local tasks (see training.evaluation.kinds)."""']
    for kind in KINDS.values():
        if kind.process_results is not None:
            module = kind.process_results.__module__
            lines.append(f"from {module} import {kind.process_results.__name__} as {kind.hook_name}  # noqa: F401")
    return "\n".join(lines) + "\n"


__all__ = ["KINDS", "BenchmarkItem", "EvalKind", "get_kind", "hooks_module_source"]
