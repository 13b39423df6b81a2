"""The LLM judge and the lineage agent reached from the CLI alone: `arena materialize --suite judge` and
`--lineage-agent` against real chat-completions servers on loopback, through to the warehouse."""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "scoring"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "lineage"))

from fake_llm import fake_llm_server  # noqa: E402
from judge_server import JudgeServer  # noqa: E402

CARDS = Path(__file__).resolve().parent / "lineage" / "cards"
N_ITEMS = 6

pytestmark = pytest.mark.slow


def _catalog(tmp_path: Path) -> Path:
    """A local dataset to judge, and a Hub entry (registered, not ingested) for the agent to start from."""
    catalogs = tmp_path / "catalogs"
    catalogs.mkdir()
    data = tmp_path / "items.jsonl"
    data.write_text("".join(f'{{"instruction": "item-{i}: name a prime above {i * 10}.", '
                            f'"output": "{[11, 13, 23, 31, 41, 53][i]} is prime."}}\n' for i in range(N_ITEMS)))
    (catalogs / "mine.yaml").write_text(
        "datasets:\n"
        f"  - {{id: items, name: Items, source: {{path: '{data}'}}, domain: math}}\n"
        "  - {id: math_distilled, name: Math Distilled, source: {hub: {id: org/math-distilled}}, domain: math}\n")
    return catalogs


def test_judge_and_lineage_agent_from_the_cli(arena_home, tmp_path, monkeypatch):
    from arena_cli.main import main
    from scoring.judge.rubrics import Q_RUBRIC, QA_RUBRIC
    from warehouse.serving import current_snapshot
    from warehouse.paths import ArenaPaths

    monkeypatch.setenv("ARENA_CATALOG_DIRS", str(_catalog(tmp_path)))
    # item 0's first attempt fails with a 500: it is retried, and the failure is recorded
    plan = lambda item, attempt: "500" if (item, attempt) == (0, 1) else "ok"  # noqa: E731
    with JudgeServer(QA_RUBRIC.dimensions, plan) as judge, fake_llm_server() as (agent_url, agent):
        status = main(["materialize", "--catalog", "mine", "--dataset", "items", "--workers", "1",
                       "--suite", "judge", "--judge-url", judge.base_url, "--judge-model", "loopback-judge",
                       "--lineage-agent", "--agent-url", agent_url, "--agent-model", "loopback-agent",
                       "--agent-cards", str(CARDS)])
    assert status == 0
    assert {r["item"] for r in judge.requests} == set(range(N_ITEMS))
    assert agent.requests, "the lineage agent never called its endpoint"

    con = duckdb.connect(str(current_snapshot(ArenaPaths.from_env().serving)), read_only=True)
    spend = con.execute("""select rubric_version, judge_model, requests, judged, prompt_tokens, failed_attempts
                           from fct_judge_spend where dataset_id = 'items' order by rubric_version""").fetchall()
    assert [(r[0][:2], r[1]) for r in spend] == [("q-", "loopback-judge"), ("qa", "loopback-judge")]
    assert all(r[3] == N_ITEMS and r[4] > 0 for r in spend)
    assert sum(r[5] for r in spend) >= 1 and sum(r[2] for r in spend) == 2 * N_ITEMS + sum(r[5] for r in spend)
    # the judge's answers are the scores stored for each sample
    scores = con.execute("""select count(*) from stg_scoring__sample_scores
                            where dataset_id = 'items' and scorer like '%judge%'""").fetchone()[0]
    assert scores == N_ITEMS * (len(Q_RUBRIC.dimensions) + len(QA_RUBRIC.dimensions))
    # the agent's edges, each with its verified quote, are lineage edges of the warehouse
    edges = con.execute("""select source_id, relationship, evidence_quote from fct_lineage_edges
                           where target_id = 'org/math-distilled' and evidence_kind = 'llm_extracted'""").fetchall()
    assert ("openai/gsm8k", "response_regeneration") in {(s, r) for s, r, _ in edges}
    assert all(q for _, _, q in edges)
    # a dataset the agent found no document for is an error of that dataset in the warehouse, not a crash
    missing = con.execute("""select documents_not_fetched, error_kinds from fct_lineage_agent_errors
                             where dataset_id = 'openai/gsm8k'""").fetchall()
    assert missing == [(1, "local not_found")]
