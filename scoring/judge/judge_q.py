"""LLM judge of the instruction alone (rubric `Q_RUBRIC`); shared machinery in `scorer.py`."""
from __future__ import annotations

from scoring.judge.rubrics import Q_RUBRIC
from scoring.judge.scorer import JudgeScorer, judge_spec
from scoring.registry import register


@register
class JudgeQ(JudgeScorer):
    rubric = Q_RUBRIC
    spec = judge_spec("judge_q", Q_RUBRIC)
