"""dbt models as assets, and the published snapshot the dashboard reads.

DuckDB allows one read-write process per file. dbt is the only writer of the warehouse file (Python
assets write Parquet to the lake), and every dbt step runs in the `duckdb_writer` pool with one slot,
so two runs never write at once. The dashboard and analysts' ad-hoc sessions read `serving/`, a copy
published after each build, so reading never blocks a build and a build never breaks a reader.
"""
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from dagster_project.dbt_project import dbt_project
from dagster_project.resources import ArenaLakeResource

DUCKDB_WRITER_POOL = "duckdb_writer"
KEEP_SNAPSHOTS = 3


class ArenaDbtTranslator(DagsterDbtTranslator):
    """dbt models grouped by layer (staging, intermediate, marts) in the asset graph."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        return f"dbt_{fqn[1]}" if len(fqn) > 2 else "dbt"


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=ArenaDbtTranslator(), pool=DUCKDB_WRITER_POOL)
def arena_dbt_assets(context: dg.AssetExecutionContext, dbt: DbtCliResource, lake: ArenaLakeResource):
    """dbt build (models and their tests) over the lake, into the DuckDB warehouse."""
    yield from dbt.cli(["build"], context=context).stream()


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


@dg.asset(group_name="serving", deps=[arena_dbt_assets], kinds={"duckdb"}, pool=DUCKDB_WRITER_POOL)
def warehouse_snapshot(context: dg.AssetExecutionContext, lake: ArenaLakeResource) -> dg.MaterializeResult:
    """A read-only copy of the warehouse for the dashboard and ad-hoc readers."""
    target = publish_snapshot(lake.paths.warehouse, lake.paths.serving)
    context.log.info(f"published {target.name}")
    return dg.MaterializeResult(metadata={"path": str(target), "bytes": target.stat().st_size})


warehouse_assets = [arena_dbt_assets, warehouse_snapshot]
