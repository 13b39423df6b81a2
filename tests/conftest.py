"""Shared fixtures: an isolated ARENA_HOME per test, the shared data folder, offline Hugging Face."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = (ROOT.parent / "shared" / "data").resolve()

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")

requires_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data is not present (CI provides it)")


def pytest_configure(config):
    # dagster-dbt reads the dbt manifest when the definitions import; build it once if missing.
    from dagster_project.cli import ensure_dbt_manifest

    ensure_dbt_manifest()


@pytest.fixture
def arena_home(tmp_path, monkeypatch) -> Path:
    """A fresh ARENA_HOME (lake, warehouse, Dagster instance) for one test."""
    home = tmp_path / "arena"
    home.mkdir()
    monkeypatch.setenv("ARENA_HOME", str(home))
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster_home"))
    return home


@pytest.fixture
def paths(arena_home):
    from warehouse.paths import ArenaPaths

    return ArenaPaths.from_env()
