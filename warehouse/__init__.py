"""Where the arena keeps its data: Parquet tables in a lake folder and one DuckDB file over them.

Why both: every Dagster step writes its own Parquet partition (no lock, atomic replace, parallel
writers), and DuckDB holds only views over those files plus the dbt models. DuckDB allows a single
read-write process, so dbt is its one writer; the dashboard reads a published copy.
"""
from warehouse.paths import ArenaPaths

__all__ = ["ArenaPaths"]
