"""dbt models as assets, and the published snapshot the dashboard reads.

DuckDB allows one read-write process per file. dbt is the only writer of the warehouse file (Python
assets write Parquet to the lake), and every dbt step runs in the `duckdb_writer` pool with one slot,
so two runs never write at once. The dashboard and analysts' ad-hoc sessions read `serving/`, a copy
published after each build, so reading never blocks a build and a build never breaks a reader.
"""
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from dagster_project.defs.warehouse.project import dbt_project
from dagster_project.resources import ArenaLakeResource
from warehouse.serving import publish_snapshot

DUCKDB_WRITER_POOL = "duckdb_writer"


class ArenaDbtTranslator(DagsterDbtTranslator):
    """dbt models grouped by layer (staging, intermediate, marts) in the asset graph."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        return f"dbt_{fqn[1]}" if len(fqn) > 2 else "dbt"


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=ArenaDbtTranslator(), pool=DUCKDB_WRITER_POOL)
def arena_dbt_assets(context: dg.AssetExecutionContext, dbt: DbtCliResource, lake: ArenaLakeResource):
    """dbt build (models and their tests) over the lake, into the DuckDB warehouse."""
    yield from dbt.cli(["build"], context=context).stream()


@dg.asset(group_name="serving", deps=[arena_dbt_assets], kinds={"duckdb"}, pool=DUCKDB_WRITER_POOL)
def warehouse_snapshot(context: dg.AssetExecutionContext, lake: ArenaLakeResource) -> dg.MaterializeResult:
    """A read-only copy of the warehouse for the dashboard and ad-hoc readers."""
    target = publish_snapshot(lake.paths.warehouse, lake.paths.serving)
    context.log.info(f"published {target.name}")
    return dg.MaterializeResult(metadata={"path": str(target), "bytes": target.stat().st_size})
