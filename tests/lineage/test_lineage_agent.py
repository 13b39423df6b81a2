"""The lineage agent against a real HTTP chat-completions server on loopback (a scripted, gullible fake)."""
from pathlib import Path

import pytest

from fake_llm import fake_llm_server
from lineage.agent import LineageAgent
from lineage.cards import LocalCards
from lineage.declared import card_edges, catalog_edges, collect_declared, hub_alias_edges

CARDS = LocalCards(Path(__file__).parent / "cards")


@pytest.fixture()
def endpoint():
    with fake_llm_server() as (url, server):
        yield url, server


def _agent(url, **kw):
    return LineageAgent.from_endpoint(url, "fake-lineage-model", CARDS, **kw)


def test_breadth_first_trace_with_bounded_depth(endpoint):
    url, server = endpoint
    run = _agent(url, max_depth=2).trace(["org/math-distilled"])
    edges = {(e.source_id, e.target_id): e for e in run.edges}
    assert edges[("openai/gsm8k", "org/math-distilled")].relationship == "response_regeneration"
    assert edges[("org/math-pool", "org/math-distilled")].relationship == "subset"
    assert ("hendrycks/competition_math", "org/math-pool") in edges
    assert run.visited[:3] == [("org/math-distilled", 0), ("openai/gsm8k", 1), ("org/math-pool", 1)]
    assert ("hendrycks/competition_math", 2) in run.visited
    assert "openai/gsm8k" in run.missing_cards          # no local card: recorded, not invented
    e = edges[("openai/gsm8k", "org/math-distilled")]
    assert e.evidence_kind == "llm_extracted" and e.evidence_quote in (CARDS.get("org/math-distilled").text)
    assert e.evidence_url == "https://huggingface.co/datasets/org/math-distilled"
    # the card went to the model only inside the delimited user message, never in the system prompt
    first = server.requests[0]["messages"]
    assert "teacher model" not in first[0]["content"] and "<document-" in first[1]["content"]
    # depth 1: the pool is read, its sources are not followed
    shallow = _agent(url, max_depth=1).trace(["org/math-distilled"])
    assert ("hendrycks/competition_math", 2) not in shallow.visited
    assert {d for d, _ in shallow.visited} == {"org/math-distilled", "openai/gsm8k", "org/math-pool"}


def test_prompt_injection_creates_no_edge(endpoint):
    url, server = endpoint
    run = _agent(url).trace(["org/injected"])
    sources = {e.source_id for e in run.edges}
    assert sources == {"tatsu-lab/alpaca"}
    rejected = {p.source: p.reason for p in run.rejected}
    # the fake model did obey the card: the proposals reached the agent and were refused there
    assert "prompt injection" in rejected["evil/backdoor-data"]
    assert "prompt injection" in rejected["evil/second-backdoor"]
    assert not any(n.node_id.startswith("evil/") for n in run.nodes)
    assert all(d != "evil/backdoor-data" for d, _ in run.visited)


def test_a_quote_missing_from_the_source_rejects_the_edge(endpoint):
    url, _ = endpoint
    run = _agent(url, max_depth=0).trace(["org/fabricated"])
    assert {e.source_id for e in run.edges} == {"org/math-pool"}
    assert {p.source: p.reason for p in run.rejected}["fake/hallucinated"] == "quote not found verbatim in the document"


def test_unreadable_model_output_is_a_clear_error():
    with pytest.raises(ValueError, match="holds no JSON object"):
        LineageAgent._parse("I think the sources are gsm8k", "org/x")


def test_declared_parents_from_card_metadata_links_and_catalog():
    card = CARDS.get("org/math-distilled")
    edges = {(e.source_id, e.evidence_kind): e for e in card_edges(card)}
    assert edges[("openai/gsm8k", "declared")].evidence_origin == "card:source_datasets"
    assert ("openai/gsm8k", "documentation") not in edges      # metadata already named it
    links = card_edges(CARDS.get("org/injected"))
    assert links == []                                          # plain ids in prose are the agent's job

    class Entry:
        def __init__(self, id, parents):
            self.id, self.parents = id, parents
    cat = catalog_edges([Entry("demo_math_rephrased", ["demo_math_clean:prompt_rewriting"])])
    assert (cat[0].source_id, cat[0].relationship, cat[0].confidence) == ("demo_math_clean", "prompt_rewriting", 1.0)
    with pytest.raises(ValueError, match="demo_x.*unknown relationship 'cousin'"):
        catalog_edges([Entry("demo_x", ["a:cousin"])])
    class HubEntry:
        id, hub_id = "alpaca", "tatsu-lab/alpaca"
    alias = hub_alias_edges([HubEntry()])
    assert [(e.source_id, e.target_id, e.relationship) for e in alias] == [("tatsu-lab/alpaca", "alpaca", "copy")]
    all_edges = collect_declared(["org/math-distilled", "org/unknown"], CARDS)
    assert {e.source_id for e in all_edges} == {"openai/gsm8k"}
