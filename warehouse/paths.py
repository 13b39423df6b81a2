"""Where the arena's files are: its home (one environment variable) and the shared input data.

`ARENA_HOME` (default `.arena` under the current directory) holds:
- `lake/<table>/<partition>/part-*.parquet`: per-partition Parquet written by Dagster assets;
- `warehouse.duckdb`: the DuckDB warehouse (views over the lake plus dbt models), or `ARENA_WAREHOUSE`;
- `serving/`: read-only snapshots of the warehouse published for the dashboard;
- `cache/`: converted models and generated demo files;
- `dagster_home/`: Dagster's instance (run history shown in the UI).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


PROJECT_ROOT = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    """The folder of public datasets and benchmarks catalogs refer to as `{shared}`: ARENA_SHARED_DATA,
    else `shared/data` beside the project folder."""
    return Path(os.environ.get("ARENA_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data")).resolve()


@dataclass(frozen=True)
class ArenaPaths:
    home: Path

    @classmethod
    def from_env(cls) -> "ArenaPaths":
        return cls(Path(os.environ.get("ARENA_HOME", ".arena")).resolve())

    @property
    def lake(self) -> Path:
        return self.home / "lake"

    @property
    def warehouse(self) -> Path:
        override = os.environ.get("ARENA_WAREHOUSE")
        return Path(override).resolve() if override else self.home / "warehouse.duckdb"

    @property
    def serving(self) -> Path:
        return self.home / "serving"

    @property
    def cache(self) -> Path:
        return self.home / "cache"

    @property
    def dagster_home(self) -> Path:
        """DAGSTER_HOME when set, else inside the arena's home."""
        override = os.environ.get("DAGSTER_HOME")
        return Path(override).resolve() if override else self.home / "dagster_home"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    def table_dir(self, table: str) -> Path:
        return self.lake / table

    def partition_dir(self, table: str, partition: str) -> Path:
        return self.lake / table / partition
