"""`arena materialize --catalog local --engine ray` gives the warehouse the local engine gives.

The same real datasets are materialized twice from empty homes, once per engine, through the CLI
(Dagster runs, dbt build, published snapshot); the score, lineage and contamination marts and the
per-sample lake tables must be equal row for row. The Ray run must really have used the cluster:
its scoring materializations carry the engine's timing key.
"""
from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest

from tests.conftest import ROOT
from tests.engine.conftest import loopback_only

pytestmark = [pytest.mark.ray, pytest.mark.slow, pytest.mark.shared_data, pytest.mark.timeout(1500)]

DATASETS = ["alpaca_sdft", "alpaca_distilled_sdft", "gsm8k_test", "gsm_hard"]
MARTS = ["fct_dataset_fingerprint", "fct_lineage_edges", "dim_lineage_nodes", "fct_contamination",
         "fct_contamination_summary", "fct_contamination_risk", "fct_benchmark_redundancy"]
LAKE_TABLES = {"sample_scores": ["record_index", "dimension"], "set_scores": ["dimension"]}


def _materialize(home, engine: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("RAY_ADDRESS", "DAGSTER_HOME", "ARENA_ENGINE")}
    env |= {"ARENA_HOME": str(home), "PYTHONPATH": str(ROOT), "ARENA_RAY_CPUS": "2"}
    args = [sys.executable, "-m", "arena_cli.main", "materialize", "--catalog", "local", "--engine", engine,
            "--workers", "2", *[a for d in DATASETS for a in ("--dataset", d)]]
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, f"{engine}: {proc.stderr[-3000:]}"


def _snapshot(home):
    from warehouse.serving import current_snapshot
    from warehouse.paths import ArenaPaths

    path = current_snapshot(ArenaPaths(home).serving)
    assert path is not None
    return duckdb.connect(str(path), read_only=True)


def _rows(con, table: str) -> list[tuple]:
    cols = [r[0] for r in con.execute(f"describe {table}").fetchall() if not r[0].endswith("_at")]
    select = ", ".join(f'"{c}"' for c in cols)
    return con.execute(f"select {select} from {table} order by all").fetchall()


def test_ray_engine_warehouse_equals_local(tmp_path):
    if not loopback_only():
        pytest.skip("Ray must keep its traffic on loopback: these tests run only inside a loopback-only network namespace; `make test` (and so CI) runs them there with unshare -n")
    pytest.importorskip("ray")
    homes = {e: tmp_path / e for e in ("local", "ray")}
    for engine, home in homes.items():
        _materialize(home, engine)
    local, ray_ = _snapshot(homes["local"]), _snapshot(homes["ray"])
    for mart in MARTS:
        a, b = _rows(local, mart), _rows(ray_, mart)
        assert a == b, mart
    assert _rows(local, "fct_contamination_summary") and _rows(local, "fct_lineage_edges")
    fingerprint = {r[0] for r in local.execute("select distinct dataset_id from fct_dataset_fingerprint").fetchall()}
    assert fingerprint == set(DATASETS)
    for table, keys in LAKE_TABLES.items():
        for d in DATASETS:
            glob = homes["local"] / "lake" / table / d / "*.parquet"
            q = f"select * from read_parquet('{{}}') order by {', '.join(keys)}"
            a = duckdb.sql(q.format(glob)).fetchall()
            b = duckdb.sql(q.format(str(glob).replace(str(homes['local']), str(homes['ray'])))).fetchall()
            assert len(a) > 0 and a == b, (table, d)
    _assert_ran_on_ray(homes["ray"])


def _assert_ran_on_ray(home) -> None:
    import dagster as dg

    instance = dg.DagsterInstance.from_config(str(home / "dagster_home"))
    mats = instance.fetch_materializations(dg.AssetKey("sample_scores"), limit=20).records
    assert len(mats) == len(DATASETS)
    for m in mats:
        seconds = m.asset_materialization.metadata["scorer_seconds"].value
        assert set(seconds) == {"ray_engine"}, seconds
