"""Read access to the published warehouse snapshot for the pages.

The app never opens the warehouse dbt writes: it reads the newest snapshot named by
`$ARENA_HOME/serving/CURRENT`, read-only, so it keeps working while Dagster builds. The connection is
cached per snapshot file (a new snapshot opens a new connection); query results are cached for a
minute per snapshot, SQL text and parameters. Every query takes its values as parameters: no SQL
is ever built from what a user typed.
"""
from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from warehouse.serving import current_snapshot
from warehouse.paths import ArenaPaths

QUERY_TTL_S = 60

# Callbacks (sql, params, seconds) told about every query the database ran (not cache hits): the
# benchmark (bench/analytics) measures the pages' real queries through this.
QUERY_OBSERVERS: list = []


def snapshot_path() -> Path | None:
    return current_snapshot(ArenaPaths.from_env().serving)


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True)


@st.cache_data(ttl=QUERY_TTL_S, show_spinner=False)
def _query(path: str, sql: str, params: tuple) -> pd.DataFrame:
    cur = _connection(path).cursor()
    start = time.perf_counter()
    try:
        return cur.execute(sql, list(params)).df()
    finally:
        cur.close()
        for observe in QUERY_OBSERVERS:
            observe(sql, params, time.perf_counter() - start)


def query(sql: str, params: tuple | list = ()) -> pd.DataFrame:
    """Run a parameterized query against the current snapshot (cached)."""
    path = snapshot_path()
    if path is None:
        raise RuntimeError("no warehouse snapshot published yet")
    return _query(str(path), sql, tuple(tuple(p) if isinstance(p, list) else p for p in params))


@st.cache_data(ttl=QUERY_TTL_S, show_spinner=False)
def _tables(path: str) -> frozenset[str]:
    cur = _connection(path).cursor()
    try:
        return frozenset(r[0] for r in cur.execute("select table_name from information_schema.tables").fetchall())
    finally:
        cur.close()


def tables() -> frozenset[str]:
    path = snapshot_path()
    return _tables(str(path)) if path else frozenset()


def require(*names: str, why: str = "") -> None:
    """Stop the page with an explanation when the snapshot or a mart it needs is not there yet."""
    path = snapshot_path()
    if path is None:
        st.info("No warehouse snapshot has been published yet. Run `arena demo` (or `arena materialize`) "
                "and reload: the dashboard reads `$ARENA_HOME/serving/CURRENT`.")
        st.stop()
    missing = [n for n in names if n not in tables()]
    if missing:
        st.info(f"This page needs {', '.join(f'`{m}`' for m in missing)}, which the published warehouse does "
                f"not have yet. {why} Rebuild the warehouse (`arena materialize`) once it lands.")
        st.stop()


def empty_notice(df: pd.DataFrame, message: str) -> bool:
    """Show `message` as an info box when `df` is empty; returns True when it was."""
    if df.empty:
        st.info(message)
        return True
    return False
