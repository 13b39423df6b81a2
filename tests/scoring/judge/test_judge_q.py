"""`judge_q`: permanent failures on a loopback server, its rubric's view of the sample, its configuration."""
import pytest
from judge_cases import make_judge, rows, score
from judge_server import JudgeServer

from scoring import registry
from scoring.judge.prompt import judge_messages
from scoring.judge.rubrics import Q_RUBRIC


def test_permanent_failures_are_recorded_final_and_retried_next_run(tmp_path):
    def plan(item, attempt):
        return {0: "500", 1: "400"}.get(item, "ok")

    data = rows(3)[:3]
    with JudgeServer(Q_RUBRIC.dimensions, plan) as server:
        judge = make_judge("judge_q", server, tmp_path / "c.sqlite")
        table = score(judge, data)
        by_item = table.groupby("record_index")["value"].apply(lambda v: v.isna().all())
        assert by_item.to_dict() == {0: True, 1: True, 2: False}
        finals = {(e["record_index"], e["error_kind"]) for e in judge.errors if e["final"]}
        assert finals == {(0, "server_error"), (1, "client_error")}
        assert server.attempts[0] == 4 and server.attempts[1] == 1     # 5xx retried to the limit, 4xx never
        before = len(server.requests)
        score(make_judge("judge_q", server, tmp_path / "c.sqlite"), data)
        assert len(server.requests) - before == 4 + 1                    # failures are not cached: retried


def test_q_rubric_drops_the_final_answer_but_keeps_context():
    msgs = [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
            {"role": "user", "content": "c"}, {"role": "assistant", "content": "FINAL"}]
    prompt = judge_messages(Q_RUBRIC, msgs)[1]["content"]
    assert '"b"' in prompt and "FINAL" not in prompt


def test_missing_configuration_is_a_clear_error(monkeypatch):
    for var in ("ARENA_JUDGE_MODEL", "ARENA_JUDGE_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    judge = registry.create("judge_q")
    with pytest.raises(ValueError, match="ARENA_JUDGE_MODEL"):
        judge.ensure_ready()
    with pytest.raises(TypeError, match="unknown parameters"):
        registry.create("judge_q", temprature=0)
