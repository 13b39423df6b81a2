"""The "nothing lost" check shared by the ingest tests.

The isolated arena home (`paths`, `arena_home`) and the offline Hugging Face settings come from
tests/conftest.py.
"""
from __future__ import annotations

import pytest

from ingest.pipeline import account
from warehouse.tables import RAW_RECORDS, REJECTS_NORMALIZE, REJECTS_READ, SAMPLES
from warehouse import lake
from warehouse.paths import ArenaPaths


def record_indexes(paths: ArenaPaths, table: str, dataset_id: str) -> list[int]:
    if not lake.has_partition(paths, table, dataset_id):
        return []
    return lake.read_partition(paths, table, dataset_id, columns=["record_index"]).column(0).to_pylist()


def check_nothing_lost(paths: ArenaPaths, dataset_id: str, n_source: int) -> dict[str, int]:
    """Every one of the n_source records is in exactly one of samples / rejects_read / rejects_normalize.

    Counts alone could balance by accident (one record twice, another missing), so the record
    indexes are compared too: together they must be exactly 0..n_source-1, each once.
    """
    counts = account(paths, dataset_id)
    assert counts[RAW_RECORDS.name] + counts[REJECTS_READ.name] == n_source, counts
    assert counts[SAMPLES.name] + counts[REJECTS_READ.name] + counts[REJECTS_NORMALIZE.name] == n_source, counts
    ends = (record_indexes(paths, SAMPLES.name, dataset_id) + record_indexes(paths, REJECTS_READ.name, dataset_id)
            + record_indexes(paths, REJECTS_NORMALIZE.name, dataset_id))
    assert sorted(ends) == list(range(n_source))
    return counts


@pytest.fixture(scope="session")
def nothing_lost():
    """`check_nothing_lost` as a fixture (session-scoped, so hypothesis tests may use it too)."""
    return check_nothing_lost
