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


ENGINES = ("local", "ray")


class EngineResource(dg.ConfigurableResource):
    """Where the heavy steps run: `local` (in the step's own process, the default: the demo and a
    laptop need no cluster) or `ray` (scoring, lineage scans and train-evaluate pairs are submitted to
    a Ray cluster; the asset records what came back). Dagster stays the orchestrator either way: the
    same assets, runs and lake partitions, only the compute moves.

    `address` names an existing cluster (`ray://host:10001` or `host:6379`); empty means RAY_ADDRESS,
    and without that a local cluster is started in the step's process. The `arena` CLI
    (`--engine ray`) starts one local cluster for all its steps and exports RAY_ADDRESS.
    """

    kind: str = "local"
    address: str = ""
    num_cpus: int = 0        # a local cluster's CPUs (0: all cores); ignored for an existing cluster
    model_actors: int = 1    # actors of the model-based scorer pool (each loads its models once)

    @property
    def is_ray(self) -> bool:
        if self.kind not in ENGINES:
            raise dg.Failure(f"engine kind '{self.kind}' is unknown: use one of {ENGINES}")
        return self.kind == "ray"

    def connect(self) -> str:
        """Attach this step's process to the cluster (once) and return its address."""
        from engine.cluster import connect

        return connect(self.address or None, self.num_cpus or None)
