"""LLM judge of the instruction-response pair (rubric `QA_RUBRIC`, with relevance); shared machinery in
`scorer.py`."""
from __future__ import annotations

from scoring.judge.rubrics import QA_RUBRIC
from scoring.judge.scorer import JudgeScorer, judge_spec
from scoring.registry import register


@register
class JudgeQA(JudgeScorer):
    rubric = QA_RUBRIC
    spec = judge_spec("judge_qa", QA_RUBRIC)
