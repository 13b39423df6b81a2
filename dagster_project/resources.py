"""Resources injected into assets by parameter name.

`lake` gives assets the arena's on-disk layout (Parquet lake, warehouse path, caches); its home comes
from the `ARENA_HOME` environment variable so the same definitions serve the demo, tests and a user's
real arena.
"""
from __future__ import annotations

import dagster as dg

from warehouse.paths import ArenaPaths


class ArenaLakeResource(dg.ConfigurableResource):
    """The arena's folders. Assets write Parquet partitions through `warehouse.lake` under `paths`."""

    home: str

    @property
    def paths(self) -> ArenaPaths:
        from pathlib import Path

        return ArenaPaths(Path(self.home).resolve())
