"""Shared fixtures: an isolated ARENA_HOME per test, the shared data folder, offline Hugging Face."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from warehouse.paths import shared_data_dir

ROOT = Path(__file__).resolve().parent.parent
SHARED = shared_data_dir()

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")

requires_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data is not present (CI provides it)")


def pytest_configure(config):
    # dagster-dbt reads the dbt manifest when the definitions import; build it once if missing.
    from arena_cli.environment import ensure_dbt_manifest

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


def _fixture_arena(tmp_path_factory, name: str, with_results: bool):
    """Build (once per session) a demo arena through Dagster and dbt, restoring ARENA_HOME afterwards."""
    from tests.results.warehouse_fixture import build_analytics_arena

    saved = {k: os.environ.get(k) for k in ("ARENA_HOME", "DAGSTER_HOME")}
    try:
        yield build_analytics_arena(tmp_path_factory.getbasetemp() / name, with_results=with_results)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="session")
def analytics_arena(tmp_path_factory):
    """The demo arena plus imported published results and a local-results fixture; its snapshot path."""
    yield from _fixture_arena(tmp_path_factory, "analytics_arena", with_results=True)


@pytest.fixture(scope="module")  # module scope: ARENA_HOME points back at the other arenas afterwards
def demo_arena_without_results(tmp_path_factory):
    """The demo arena as `arena demo` leaves it before any benchmark result exists; its snapshot path."""
    yield from _fixture_arena(tmp_path_factory, "demo_arena", with_results=False)
