"""The lineage_agent_edges asset online: web documents from loopback servers, edges and per-dataset
errors in the lake, a rerun served from the caches under $ARENA_HOME/cache/lineage_agent."""
import dagster as dg

from dagster_project.defs.lineage.assets import lineage_agent_edges
from dagster_project.resources import ArenaLakeResource
from fake_llm import fake_llm_server
from fake_web import Route, fake_web, hub_dataset
from warehouse.lake import read_partition
from warehouse.tables import LINEAGE_AGENT_ERRORS, LINEAGE_EDGES


def test_the_asset_writes_edges_and_errors_and_reruns_from_cache(paths):
    routes = {**hub_dataset("org/good", "# Good\n\nPrompts were drawn from openai/gsm8k."),
              **hub_dataset("org/garbled", "# Garbled\n\nGarble-Test: built from tatsu-lab/alpaca."),
              "/api/datasets/org/down": Route(b"", status=502)}
    with fake_web(routes) as (web, server), fake_llm_server() as (llm, model):
        config = {"base_url": llm, "model": "loopback", "seeds": ["org/good", "org/garbled", "org/down", "org/gone"],
                  "max_depth": 0, "hub_url": web, "github_api_url": web, "arxiv_api_url": web}
        run = lambda: dg.materialize(  # noqa: E731
            [lineage_agent_edges], resources={"lake": ArenaLakeResource(home=str(paths.home))},
            run_config={"ops": {"lineage_agent_edges": {"config": config}}})
        first = run()
        asked = len(model.requests)
        second = run()
    assert first.success and second.success
    edges = read_partition(paths, LINEAGE_EDGES.name, "llm_agent").to_pylist()
    assert [(e["source_id"], e["target_id"], e["evidence_origin"]) for e in edges] == [
        ("openai/gsm8k", "org/good", "hub:README")]
    errors = read_partition(paths, LINEAGE_AGENT_ERRORS.name, "llm_agent").to_pylist()
    final = {(e["dataset_id"], e["stage"], e["error_kind"]) for e in errors if e["final"]}
    assert final == {("org/garbled", "model", "malformed_output"), ("org/down", "fetch", "http_502"),
                     ("org/gone", "fetch", "http_404")}
    assert {e["run_id"] for e in errors} == {second.run_id}
    # the second run asked the model only for the reply it could not read the first time
    assert len(model.requests) - asked == 2
    meta = second.asset_materializations_for_node("lineage_agent_edges")[0].metadata
    assert meta["cache_hits"].value == 1 and meta["errors"].value == 3
    assert (paths.cache / "lineage_agent" / "web").is_dir()
