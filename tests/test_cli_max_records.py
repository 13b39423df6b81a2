"""`arena materialize --max-records N` ingests a sample: the first N records of the source (offline, on a
local catalog entry; a Hub entry streams the same way)."""
import json

import pytest

pytestmark = pytest.mark.slow


def test_max_records_ingests_the_first_records_only(arena_home, tmp_path, monkeypatch):
    from arena_cli.main import main
    from warehouse.lake import read_partition
    from warehouse.paths import ArenaPaths

    catalogs = tmp_path / "catalogs"
    catalogs.mkdir()
    data = tmp_path / "sql.jsonl"
    data.write_text("".join(json.dumps({"sql_prompt": f"How many rows are in table t{i}?",
                                        "sql_context": f"CREATE TABLE t{i} (id INT);",
                                        "sql": f"SELECT COUNT(*) FROM t{i};"}) + "\n" for i in range(10)))
    (catalogs / "mine.yaml").write_text(
        "datasets:\n"
        f"  - {{id: sql_items, name: SQL items, source: {{path: '{data}'}}, domain: code, format: columns,\n"
        "     columns: {instruction: sql_prompt, context: sql_context, response: sql}}\n")
    monkeypatch.setenv("ARENA_CATALOG_DIRS", str(catalogs))
    status = main(["materialize", "--catalog", "mine", "--dataset", "sql_items", "--workers", "1",
                   "--max-records", "3", "--no-warehouse"])
    assert status == 0
    paths = ArenaPaths.from_env()
    assert read_partition(paths, "raw_records", "sql_items").num_rows == 3
    samples = read_partition(paths, "samples", "sql_items").to_pylist()
    assert [s["record_index"] for s in samples] == [0, 1, 2]
    assert samples[2]["messages"][0]["content"] == "How many rows are in table t2?\n\nCREATE TABLE t2 (id INT);"
    assert json.loads(samples[2]["extra"])["context"] == "CREATE TABLE t2 (id INT);"
