"""The published snapshots of the warehouse that the dashboard and ad-hoc readers open.

DuckDB allows one read-write process per file and dbt holds it while it builds. Readers open a copy
under `serving/` instead, published after each build, so reading never blocks a build and a build never
breaks a reader.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

KEEP_SNAPSHOTS = 3


def publish_snapshot(warehouse: Path, serving: Path, keep: int = KEEP_SNAPSHOTS) -> Path:
    """Copy the warehouse into a new file under `serving/` and point `serving/CURRENT` at it.

    The copy is made through DuckDB (`COPY FROM DATABASE`), so it is consistent; the pointer is
    replaced atomically, and older snapshots are kept a while so a reader that opened one keeps it.
    """
    import duckdb

    serving.mkdir(parents=True, exist_ok=True)
    name = f"warehouse-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.duckdb"
    target = serving / name
    con = duckdb.connect()
    try:
        con.execute(f"attach '{warehouse}' as source (read_only)")
        con.execute(f"attach '{target}' as snapshot")
        con.execute("copy from database source to snapshot")
        con.execute("detach snapshot")
    finally:
        con.close()
    pointer = serving / "CURRENT"
    tmp = serving / f".CURRENT.{os.getpid()}"
    tmp.write_text(name)
    os.replace(tmp, pointer)
    snapshots = sorted(serving.glob("warehouse-*.duckdb"), key=lambda p: p.stat().st_mtime)
    for old in snapshots[:-keep]:
        if old.name != name:
            old.unlink(missing_ok=True)
    return target


def current_snapshot(serving: Path) -> Path | None:
    """The snapshot readers should open, or None when nothing was published yet."""
    pointer = serving / "CURRENT"
    if not pointer.exists():
        return None
    path = serving / pointer.read_text().strip()
    return path if path.exists() else None
