"""The lake-table registry (warehouse/tables.py) is what dbt sees: the generated sources and empty
relations match it, and an empty relation has the columns and types DuckDB reads from the table."""
import re

import duckdb
import pyarrow.parquet as pq
import pytest

from warehouse.dbt_sources import DBT_DIR, empty_select, generated_files
from warehouse.tables import TABLES, sql_tables


def test_generated_dbt_files_match_the_registry():
    stale = [str(p.relative_to(DBT_DIR)) for p, text in generated_files().items()
             if not p.exists() or p.read_text() != text]
    assert not stale, f"regenerate with `python -m warehouse.tables`: {stale}"


def test_every_sources_file_is_generated():
    sources = set(DBT_DIR.glob("models/**/_*__sources.yml"))
    assert sources == {p for p in generated_files() if p.name.endswith("__sources.yml")}


@pytest.mark.parametrize("table", sql_tables(), ids=lambda t: t.name)
def test_empty_relation_reads_like_a_written_partition(tmp_path, table):
    path = tmp_path / "part-00000.parquet"
    pq.write_table(table.schema.empty_table(), path)
    con = duckdb.connect()
    written = con.execute(f"describe select * from read_parquet('{path}')").fetchall()
    empty = con.execute(f"describe {empty_select(table.schema)}").fetchall()
    assert [(c[0], c[1]) for c in empty] == [(c[0], c[1]) for c in written]


def test_models_read_registered_tables_through_lake_source():
    sql = {p: p.read_text() for p in (DBT_DIR / "models").rglob("*.sql")}
    read = {name for text in sql.values() for name in re.findall(r"lake_source\('(\w+)'\)", text)}
    assert read and read <= {t.name for t in sql_tables()}
    raw = [str(p.relative_to(DBT_DIR)) for p, text in sql.items() if re.search(r"\{\{\s*source\(", text)]
    assert not raw, f"read lake tables with lake_source(name), not source(): {raw}"


def test_each_source_is_staged_once():
    staged = {}
    for p in (DBT_DIR / "models" / "staging").rglob("*.sql"):
        for name in re.findall(r"lake_source\('(\w+)'\)", p.read_text()):
            staged.setdefault(name, []).append(p.stem)
    twice = {k: v for k, v in staged.items() if len(v) > 1}
    assert not twice
    assert set(staged) == {t.name for t in sql_tables()}


def test_names_are_unique_and_written_tables_have_an_asset():
    assert len({t.name for t in TABLES.values()}) == len(TABLES)
    assert all(t.asset and t.partition for t in TABLES.values())
    assert all(t.schema is not None for t in sql_tables())
