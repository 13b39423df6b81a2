"""The lineage assets materialized in process over the ingested demo arena, then dbt over the lake:
the lineage and contamination marts hold the demo's planted derivations and leaks."""
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

DBT_DIR = Path(__file__).resolve().parents[2] / "dbt"


def _ingest_demo(paths):
    from ingest.catalog import load_catalog
    from ingest.pipeline import normalize_dataset, read_dataset

    catalog = load_catalog("demo")
    for e in catalog.datasets:   # ingest, as the ingest assets would
        read_dataset(e, paths, progress=False)
        normalize_dataset(e, paths, progress=False)
    return catalog


def _dbt_build(paths):
    env = {**os.environ, "ARENA_HOME": str(paths.home)}
    return subprocess.run([sys.executable, "-m", "dbt.cli.main", "build", "--project-dir", str(DBT_DIR),
                           "--profiles-dir", str(DBT_DIR)], env=env, capture_output=True, text=True)


@pytest.mark.slow
def test_warehouse_builds_before_the_lineage_assets_ran(arena_home, paths):
    import dagster as dg

    from dagster_project.defs.ingest.assets import dataset_catalog
    from dagster_project.resources import ArenaLakeResource, EngineResource

    assert dg.materialize([dataset_catalog], instance=dg.DagsterInstance.ephemeral(),
                          resources={"lake": ArenaLakeResource(home=str(paths.home)), "engine": EngineResource()},
                          run_config={"ops": {"dataset_catalog": {"config": {"catalogs": ["demo"]}}}}).success
    _ingest_demo(paths)
    build = _dbt_build(paths)
    assert build.returncode == 0, build.stdout[-4000:]
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    assert con.execute("select count(*) from fct_lineage_edges").fetchone()[0] == 0
    assert con.execute("select count(*) from dim_datasets").fetchone()[0] == 9
    con.close()


@pytest.mark.slow
def test_lineage_assets_and_marts_on_the_demo(arena_home, paths):
    import dagster as dg

    from dagster_project.defs.ingest.assets import dataset_catalog
    from dagster_project.defs.lineage.assets import (collect_lineage_edges, contamination_scan, lineage_nodes,
                                                lineage_reviews, lineage_signatures)
    from dagster_project.resources import ArenaLakeResource, EngineResource
    from lineage_testdata import SHARED

    instance = dg.DagsterInstance.ephemeral()
    resources = {"lake": ArenaLakeResource(home=str(paths.home)), "engine": EngineResource()}
    assert dg.materialize([dataset_catalog], instance=instance, resources=resources,
                          run_config={"ops": {"dataset_catalog": {"config": {"catalogs": ["demo"]}}}}).success
    catalog = _ingest_demo(paths)
    for e in catalog.datasets:
        assert dg.materialize([lineage_signatures], partition_key=e.id, instance=instance, resources=resources).success
    oda = SHARED / "oda_lineage"
    run_config = {"ops": {"collect_lineage_edges": {"config": {"oda_folder": str(oda) if oda.exists() else "none"}}}}
    selected = [collect_lineage_edges, lineage_reviews, lineage_nodes, contamination_scan]
    result = dg.materialize(selected, instance=instance, resources=resources, run_config=run_config)
    assert result.success

    build = _dbt_build(paths)
    assert build.returncode == 0, build.stdout[-4000:]

    con = duckdb.connect(str(paths.warehouse), read_only=True)
    edges = {(s, t): (rel, kind) for s, t, rel, kind in con.execute(
        "select source_id, target_id, relationship, evidence_kind from fct_lineage_edges "
        "where evidence_kind = 'content_overlap'").fetchall()}
    assert edges[("demo_math_clean", "demo_math_terse")][0] == "response_regeneration"
    assert edges[("demo_unit_conversions", "demo_mixture")][0] == "mixture"
    declared = con.execute("select count(*) from fct_lineage_edges where evidence_kind = 'declared'").fetchone()[0]
    assert declared >= 1    # the demo catalog's parents
    leaky = con.execute("select n_verbatim, n_contaminated from fct_contamination where dataset_id = 'demo_math_leaky' "
                        "and benchmark_id = 'demo_math_bench'").fetchone()
    assert leaky[0] == 40
    # the summary analysts read: each planted leak counted once (40 verbatim + 20 number-swapped items)
    summary = con.execute("select contaminated_items, contaminated_samples, n_solution from fct_contamination_summary "
                          "where dataset_id = 'demo_math_leaky' and benchmark_id = 'demo_math_bench'").fetchone()
    assert summary == (60, 60, 0)
    risk = con.execute("select path_text from fct_contamination_risk where dataset_id = 'demo_math_leaky' "
                       "and benchmark_id = 'demo_math_bench'").fetchone()
    assert risk is not None and risk[0].startswith("demo_math_bench")
    nodes = con.execute("select count(*), count(*) filter (where is_catalogued) from dim_lineage_nodes").fetchone()
    assert nodes[1] == len(catalog.datasets)
    if oda.exists():
        assert con.execute("select count(*) from fct_lineage_edges where collector = 'oda_import'").fetchone()[0] == 941
    bench_edges = [r[0] for r in con.execute("select edge_id from fct_lineage_edges where source_id = 'demo_math_bench' "
                                             "and target_id = 'demo_math_leaky'").fetchall()]
    parents = con.execute("select n_parents from dim_lineage_nodes where node_id = 'demo_math_leaky'").fetchone()[0]
    con.close()

    # a person rejects the benchmark -> leaky edges: the one review rule (dbt) takes them out of the graph
    # statistics and of the lineage risk, with no lineage asset re-run
    from lineage.model import Review
    from lineage.reviews import record_reviews

    assert bench_edges
    record_reviews(paths, [Review(e, "rejected", reviewer="test") for e in bench_edges])
    build = _dbt_build(paths)
    assert build.returncode == 0, build.stdout[-4000:]
    con = duckdb.connect(str(paths.warehouse), read_only=True)
    assert con.execute("select n_parents from dim_lineage_nodes where node_id = 'demo_math_leaky'").fetchone()[0] == parents - 1
    assert con.execute("select count(*) from fct_contamination_risk where dataset_id = 'demo_math_leaky' "
                       "and benchmark_id = 'demo_math_bench' and via_id = 'demo_math_bench'").fetchone()[0] == 0
    con.close()
