"""Math answer format: does the text state a final answer in a machine-checkable form?

Markers: `\\boxed{...}` (MATH style), `#### <answer>` (GSM8K style), or an explicit phrase
("the answer is", "final answer"). Graders of math benchmarks extract answers from exactly these, so
training data that uses them teaches the format. `latex_commands` counts `\\name` macros.
"""
from __future__ import annotations

import re

from scoring.api import Dimension, PointwiseResult, PointwiseScorer
from scoring.heuristic.base import arr, heuristic_spec
from scoring.registry import register

BOXED = re.compile(r"\\boxed\s*\{")
HASH_ANSWER = re.compile(r"^\s*####\s*\S", re.M)
ANSWER_PHRASE = re.compile(r"\b(?:the (?:final )?answer is|final answer\s*[:：])", re.I)
LATEX = re.compile(r"\\[A-Za-z]+")


@register
class MathAnswerFormat(PointwiseScorer):
    spec = heuristic_spec("math_answer_format", "Final-answer markers and LaTeX macro count.", [
        Dimension("final_answer_marker", "1 if a boxed, #### or 'the answer is' marker is present", None, (0, 1)),
        Dimension("boxed_answers", "count of \\boxed{...}", None, (0, float("inf"))),
        Dimension("latex_commands", "count of LaTeX macros", None, (0, float("inf"))),
    ])

    def score(self, batch, stats):
        marker, boxed, latex = [], [], []
        for t, low in zip(stats.text(self.side), stats.lower(self.side)):
            has_bs = "\\" in t
            b = len(BOXED.findall(t)) if has_bs else 0
            boxed.append(b)
            latex.append(len(LATEX.findall(t)) if has_bs else 0)
            # the IGNORECASE phrase regex only where "answer" occurs at all
            marker.append(1.0 if b or ("####" in t and HASH_ANSWER.search(t))
                          or ("answer" in low and ANSWER_PHRASE.search(t)) else 0.0)
        return PointwiseResult({"final_answer_marker": arr(marker), "boxed_answers": arr(boxed),
                                "latex_commands": arr(latex)})
