"""Fixtures of the Ray engine tests: one real local Ray cluster per session, on loopback only, and a
lake holding real datasets from ../shared/data.

Ray advertises the machine's network address and probes an outside one; tests keep all traffic on
loopback by running inside a network namespace with nothing but `lo` (`make test` runs the `ray`
tests under `unshare -n`). Outside such a namespace these tests skip rather than start Ray.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SHARED

# small real sets with known relations: a training set, its distilled copy (regenerated responses),
# two benchmarks of which one derives from the other (redundant items: contamination matches)
REAL_DATASETS = ["alpaca_sdft", "alpaca_distilled_sdft", "gsm8k_test", "gsm_hard", "multiarith"]


def loopback_only() -> bool:
    """Whether this process's network namespace has no interface but `lo` (/proc/net/dev is per
    namespace; /sys/class/net is not remounted by unshare)."""
    with open("/proc/net/dev") as fh:
        names = [line.split(":")[0].strip() for line in fh.readlines()[2:]]
    return names == ["lo"]


requires_loopback = pytest.mark.skipif(
    not loopback_only(), reason="Ray tests run inside a loopback-only network namespace (`make test` uses unshare -n)")


RESUME_PROTOCOL = "tiny_ray_resume"


@pytest.fixture(scope="session")
def ray_cluster(tmp_path_factory):
    """A real local Ray cluster (head node, 2 CPUs, no dashboard) for the session. Its workers see a
    user protocol folder (ARENA_PROTOCOLS_DIR, fixed when the cluster starts) holding a longer tiny
    protocol that a kill can land in the middle of."""
    pytest.importorskip("ray")
    if not loopback_only():
        pytest.skip("Ray must keep its traffic on loopback: these tests run only inside a loopback-only network namespace; `make test` (and so CI) runs them there with unshare -n")
    import ray
    import yaml

    from engine.cluster import connect
    from training.protocols import load_protocol

    if not os.environ.get("ARENA_PROTOCOLS_DIR"):
        folder = tmp_path_factory.mktemp("protocols")
        body = load_protocol("tiny_random").identity() | {"name": RESUME_PROTOCOL, "epochs": 30, "save_steps": 10}
        (folder / f"{RESUME_PROTOCOL}.yaml").write_text(yaml.safe_dump(body))
        os.environ["ARENA_PROTOCOLS_DIR"] = str(folder)
    connect(num_cpus=2)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="session")
def real_lake(tmp_path_factory):
    """A lake with REAL_DATASETS ingested (read + normalize) from ../shared/data."""
    if not SHARED.exists():
        pytest.skip("../shared/data is not present (CI provides it)")
    from ingest.catalog import load_catalog
    from ingest.pipeline import normalize_dataset, read_dataset
    from warehouse.paths import ArenaPaths

    paths = ArenaPaths(Path(tmp_path_factory.mktemp("ray_lake")))
    entries = {e.id: e for e in load_catalog("local").datasets}
    for d in REAL_DATASETS:
        read_dataset(entries[d], paths, progress=False)
        normalize_dataset(entries[d], paths, progress=False)
    return paths
