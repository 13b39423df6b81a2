"""The Dagster definitions load, and the asset graph is what we meant it to be.

The snapshot in tests/snapshots/asset_graph.json fails this test on any accidental change of
lineage; after an intended change, regenerate it with `UPDATE_SNAPSHOTS=1 pytest tests/test_definitions.py`.
"""
import json
import os
from pathlib import Path

SNAPSHOT = Path(__file__).parent / "snapshots" / "asset_graph.json"
ROOT = Path(__file__).resolve().parents[1]


def _graph() -> dict:
    from dagster_project.definitions import defs

    graph = defs.resolve_asset_graph()
    out = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        out[key.to_user_string()] = {
            "group": node.group_name,
            "partitioned": node.partitions_def is not None,
            "parents": sorted(p.to_user_string() for p in node.parent_keys),
        }
    return out


def test_definitions_load_and_graph_matches_snapshot():
    graph = _graph()
    if os.environ.get("UPDATE_SNAPSHOTS") or not SNAPSHOT.exists():
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(graph, indent=1, sort_keys=True) + "\n")
    assert graph == json.loads(SNAPSHOT.read_text())


def test_core_lineage():
    graph = _graph()
    assert graph["normalized_samples"]["parents"] == ["raw_datasets", "rejects_read"]
    assert graph["stg_arena__samples"]["parents"] == ["normalized_samples"]
    assert "dim_datasets" in graph["warehouse_snapshot"]["parents"]
    assert graph["normalized_samples"]["partitioned"] and not graph["dim_datasets"]["partitioned"]


def test_experiment_lineage():
    graph = _graph()
    assert graph["experiment_datasets"]["parents"] == ["normalized_samples", "sample_scores"]
    assert graph["experiment_gains"]["parents"] == ["benchmark_results", "experiment_datasets"]
    assert graph["stg_experiments__gains"]["parents"] == ["experiment_gains"]


def test_jobs_and_resources():
    from dagster_project.definitions import defs

    assert {j.name for j in defs.jobs} >= {"catalog", "ingest", "warehouse", "experiment_arms", "experiment_compare"}
    assert set(defs.resources) >= {"lake", "dbt"}


def test_code_location_loads_as_dagster_dev_loads_it(tmp_path):
    """`dagster definitions validate` imports the module the way `dagster dev` (and `arena ui`) does, with a
    PATH that does not hold the venv: one Definitions object at module scope, dbt found beside Python."""
    import subprocess
    import sys

    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "ARENA_HOME": str(tmp_path / "arena"),
           "DAGSTER_HOME": str(tmp_path / "dagster"), "PYTHONPATH": str(ROOT)}
    os.makedirs(env["DAGSTER_HOME"])
    result = subprocess.run([sys.executable, "-m", "dagster", "definitions", "validate", "-m",
                             "dagster_project.definitions"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
