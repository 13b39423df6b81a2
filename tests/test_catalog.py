"""Catalogs: the shipped ones validate; bad entries fail with the file, entry and field named."""
import textwrap

import pytest

from ingest.catalog import CatalogError, available_catalogs, load_catalog, load_catalogs, parse_catalog


def test_shipped_catalogs_are_valid():
    assert {"demo", "local", "oda"} <= set(available_catalogs())
    assert len(load_catalog("demo").datasets) == 9
    assert len(load_catalog("local").datasets) >= 40
    oda = load_catalog("oda")
    assert len(oda.datasets) == 105
    assert all(e.source.hub is not None for e in oda.datasets)
    assert {e.domain for e in oda.datasets} >= {"math", "code", "general", "science"}
    merged = load_catalogs(["demo", "local", "oda"])
    assert len(merged) == 9 + len(load_catalog("local").datasets) + 105


def test_every_bad_entry_is_reported_at_once(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent("""
        datasets:
          - {id: Good_Id, name: x, source: {path: a.json}, domain: math}
          - {id: ok, name: x, source: {path: a.json, generated: demo_math_clean}, domain: math}
          - {id: ok2, name: x, source: {path: a.json}, domain: cooking}
          - {id: ok3, name: x, source: {path: a.json}, domain: math, release_date: "someday"}
          - {id: ok4, name: x, source: {path: a.json}, domain: math, colour: blue}
          - {id: ok5, name: x, source: {path: a.json}, domain: math}
          - {id: ok5, name: y, source: {path: b.json}, domain: code}
          - just a string
    """))
    with pytest.raises(CatalogError) as err:
        parse_catalog(path)
    msg = str(err.value)
    assert "7 invalid catalog entries" in msg
    assert "entry #0 (id 'Good_Id'): id:" in msg and "not a slug" in msg
    assert "entry #1 (id 'ok'): source:" in msg and "exactly one of" in msg
    assert "entry #2 (id 'ok2'): domain:" in msg and "cooking" in msg
    assert "entry #3 (id 'ok3'): release_date" in msg
    assert "entry #4 (id 'ok4'): colour" in msg
    assert "entry #6 (id 'ok5'): duplicate id (first at entry #5)" in msg
    assert "entry #7: expected a mapping" in msg


def test_unknown_catalog_and_dataset_suggest_names():
    with pytest.raises(CatalogError, match="does not exist"):
        load_catalog("nonexistent")
    with pytest.raises(KeyError, match="did you mean demo_math_clean"):
        load_catalog("demo").get("demo_math_clen")


def test_month_release_dates_are_read_as_first_of_month():
    entry = next(e for e in load_catalog("oda").datasets if e.id == "tatsu-lab__alpaca")
    assert entry.release_date is not None and entry.release_date.day == 1
