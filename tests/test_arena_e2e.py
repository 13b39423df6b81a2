"""End to end through Dagster: the demo catalog ingested, dbt built, the snapshot published; reruns
replace partitions; readers of the snapshot never block a build; a bad dataset fails with its name."""
import duckdb
import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.slow


def _snapshot():
    from warehouse.serving import current_snapshot
    from warehouse.paths import ArenaPaths

    path = current_snapshot(ArenaPaths.from_env().serving)
    assert path is not None, "no snapshot published"
    return path


def _lake_bytes(paths, table, partition):
    from warehouse import lake

    return [pq.read_table(f).to_pylist() for f in lake.partition_files(paths, table, partition)]


def test_demo_arena_through_dagster(arena_home, paths):
    import dagster as dg

    from arena_cli import materialize as cli

    assert cli.materialize(["demo"], None, workers=2) == 0
    con = duckdb.connect(str(_snapshot()), read_only=True)
    # the demo's datasets (ODA's published leaderboard, imported beside them, has cards of its own)
    rows = con.execute("select dataset_id, samples, rejected_records, source_records, is_ingested "
                       "from dim_datasets where list_contains(catalogs, 'demo') order by dataset_id").fetchall()
    assert len(rows) == 9 and all(r[4] for r in rows)
    assert all(r[1] + r[2] == r[3] for r in rows)
    assert dict((r[0], r[1]) for r in rows)["demo_math_clean"] == 400
    turns = con.execute("select max(len(messages)) from stg_arena__samples where dataset_id = 'demo_unit_conversions'").fetchone()[0]
    assert turns == 3  # the system prompt is kept as a message
    con.close()

    # Dagster recorded every partition and the accounting check passed
    instance = dg.DagsterInstance.get()
    materialized = instance.get_materialized_partitions(dg.AssetKey("normalized_samples"))
    assert len(materialized) == 9
    checks = instance.event_log_storage.get_asset_check_execution_history(
        dg.AssetCheckKey(dg.AssetKey("normalized_samples"), "records_accounted_for"), limit=20)
    assert len(checks) == 9

    # rematerializing a partition replaces it with identical content
    before = _lake_bytes(paths, "samples", "demo_math_noisy")
    assert cli.run_job("ingest", partition_key="demo_math_noisy").success
    assert _lake_bytes(paths, "samples", "demo_math_noisy") == before

    # a reader holding the published snapshot does not block the next build
    reader = duckdb.connect(str(_snapshot()), read_only=True)
    assert cli.run_job("warehouse").success
    assert reader.execute("select count(*) from dim_datasets where list_contains(catalogs, 'demo')").fetchone()[0] == 9
    reader.close()
    con = duckdb.connect(str(_snapshot()), read_only=True)
    assert con.execute("select sum(samples) from dim_datasets").fetchone()[0] == 2564


def test_bad_dataset_fails_with_its_name(arena_home, tmp_path, monkeypatch, capfd):
    from arena_cli import materialize as cli

    catalogs = tmp_path / "catalogs"
    catalogs.mkdir()
    (catalogs / "mine.yaml").write_text(
        "datasets:\n"
        "  - {id: gone, name: Gone, source: {path: /nonexistent/file.jsonl}, domain: math}\n"
        f"  - {{id: broken, name: Broken, source: {{path: '{tmp_path}/broken.jsonl'}}, domain: math}}\n")
    (tmp_path / "broken.jsonl").write_text('{"instruction": "a", "output": "b"}\n{not json\n{not json either\n')
    monkeypatch.setenv("ARENA_CATALOG_DIRS", str(catalogs))
    assert cli.materialize(["mine"], None, workers=1, build_warehouse=False) == 1
    err = capfd.readouterr().err  # the command's own lines go to the terminal's stderr file descriptor
    assert "FAILED gone" in err and "no file matches /nonexistent/file.jsonl" in err
    assert "FAILED broken" in err and "2 of 3 records rejected" in err


def test_materialize_trains_and_evaluates_training_sets(arena_home, paths, tmp_path, monkeypatch):
    """`arena materialize --train PROTOCOL` (what `arena demo` does with the demo protocol): the base
    baseline and every training set's (dataset, protocol) partition through Dagster; a rerun reuses them."""
    import dagster as dg

    from arena_cli import materialize as cli
    from tests.training.toy_data import write_toy_benchmarks
    from training.results import partition_key
    from warehouse.tables import BENCHMARK_RESULTS, TRAINING_RUNS
    from warehouse.lake import read_partition

    catalogs = tmp_path / "catalogs"
    catalogs.mkdir()
    data = tmp_path / "adds.jsonl"
    data.write_text("".join(f'{{"instruction": "What is {i} + {i % 7}?", "output": "{i} + {i % 7} = {i + i % 7}. '
                            f'#### {i + i % 7}"}}\n' for i in range(24)))
    (catalogs / "mine.yaml").write_text(
        f"datasets:\n  - {{id: adds, name: Adds, source: {{path: '{data}'}}, domain: math}}\n")
    monkeypatch.setenv("ARENA_CATALOG_DIRS", str(catalogs))
    write_toy_benchmarks(paths)

    for _ in range(2):
        assert cli.materialize(["mine"], None, workers=1, build_warehouse=False, train_protocol="tiny_random") == 0
    part = partition_key("adds", "tiny_random")
    assert read_partition(paths, TRAINING_RUNS.name, part).num_rows == 1      # trained once over two materializations
    results = read_partition(paths, BENCHMARK_RESULTS.name, part).to_pylist()
    assert {r["benchmark"] for r in results} >= {"toy_math", "toy_math_ll"} and len({r["run_id"] for r in results}) == 1
    assert read_partition(paths, BENCHMARK_RESULTS.name, partition_key("__base__", "tiny_random")).num_rows > 0
    instance = dg.DagsterInstance.get()
    key = dg.MultiPartitionKey({"dataset": "adds", "protocol": "tiny_random"})
    assert key in instance.get_materialized_partitions(dg.AssetKey("benchmark_results"))
