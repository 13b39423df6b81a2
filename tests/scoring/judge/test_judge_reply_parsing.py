"""Parsing the judge's replies: only a JSON object with an integer 1-10 for every criterion counts."""
import json

import pytest

from scoring.judge.parse import JudgeOutputError, parse_scores
from scoring.judge.rubrics import Q_RUBRIC


@pytest.mark.parametrize("reply,error", [
    ('{"clarity": 3}', "missing"),
    (json.dumps({c: 7.5 for c in Q_RUBRIC.dimensions}), "integer"),
    (json.dumps({c: "7" for c in Q_RUBRIC.dimensions}), "integer"),
    (json.dumps({c: 0 for c in Q_RUBRIC.dimensions}), "integer"),
    (json.dumps({c: True for c in Q_RUBRIC.dimensions}), "integer"),
    ("no json here", "no JSON"),
    ("", "empty"),
])
def test_parse_rejects_invalid_replies(reply, error):
    with pytest.raises(JudgeOutputError, match=error):
        parse_scores(reply, Q_RUBRIC.dimensions)


def test_parse_accepts_fenced_json():
    scores = {c: 1 + i for i, c in enumerate(Q_RUBRIC.dimensions)}
    assert parse_scores("Here:\n```json\n" + json.dumps(scores) + "\n```", Q_RUBRIC.dimensions) == scores
