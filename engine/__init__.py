"""The distributed engine: the arena's heavy steps on a Ray cluster.

Why a package of its own: it is the only code that imports `ray`. The library packages (`scoring`,
`lineage`, `training`) stay engine-free, and their functions are what runs inside Ray tasks and
actors, so the local and the Ray engine compute with the same code and differ only in how work is
split and gathered. `dagster_project` imports it lazily, only when the `engine` resource says `ray`,
so the demo, a laptop and `make test`'s non-Ray tests need no cluster and not even Ray installed.

- `engine.cluster`: connect to a cluster (`RAY_ADDRESS`) or start a local one, with the project on
  the workers' path.
- `engine.scoring`: per-sample scores on Ray Data (heuristics in tasks, model-based scorers in an
  actor pool) and exact whole-set scores from merged partial states.
- `engine.lineage`: MinHash signatures and contamination matching sharded across tasks.
- `engine.training`: one (dataset, protocol) pair as a task asking for the protocol's GPUs.
"""
