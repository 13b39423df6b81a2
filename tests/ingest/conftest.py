"""Fixtures shared by the ingest tests: an isolated arena home and the "nothing lost" check.

Every test gets its own ARENA_HOME under tmp_path, so lake partitions written by one test can never
be read by another, and the Hugging Face client is forced offline so that no test can reach the
network by accident (hub-loading code stays real; tests just never use it).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.pipeline import NORMALIZE_REJECTS_TABLE, READ_REJECTS_TABLE, account
from ingest.schema import RAW_TABLE, SAMPLES_TABLE
from warehouse import lake
from warehouse.paths import ArenaPaths


@pytest.fixture(autouse=True, scope="session")
def _offline():
    saved = {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")}
    os.environ.update({k: "1" for k in saved})
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture
def arena(tmp_path: Path, monkeypatch) -> ArenaPaths:
    """An empty arena home for this test (ARENA_HOME points at it)."""
    home = tmp_path / "arena_home"
    monkeypatch.setenv("ARENA_HOME", str(home))
    return ArenaPaths.from_env()


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
    assert counts[RAW_TABLE] + counts[READ_REJECTS_TABLE] == n_source, counts
    assert counts[SAMPLES_TABLE] + counts[READ_REJECTS_TABLE] + counts[NORMALIZE_REJECTS_TABLE] == n_source, counts
    ends = (record_indexes(paths, SAMPLES_TABLE, dataset_id) + record_indexes(paths, READ_REJECTS_TABLE, dataset_id)
            + record_indexes(paths, NORMALIZE_REJECTS_TABLE, dataset_id))
    assert sorted(ends) == list(range(n_source))
    return counts


@pytest.fixture(scope="session")
def nothing_lost():
    return check_nothing_lost
