import os

import pytest


@pytest.fixture(scope="session")
def analytics_arena(tmp_path_factory):
    """The fixture arena (demo ingest + imported results + dbt build), shared by the session."""
    from tests.results.warehouse_fixture import build_analytics_arena

    saved = {k: os.environ.get(k) for k in ("ARENA_HOME", "DAGSTER_HOME")}
    snapshot = build_analytics_arena(tmp_path_factory.getbasetemp() / "analytics_arena")
    yield snapshot
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="module")
def demo_arena_without_results(tmp_path_factory):
    """The demo arena as `arena demo` leaves it before any benchmark result exists."""
    from tests.results.warehouse_fixture import build_analytics_arena

    saved = {k: os.environ.get(k) for k in ("ARENA_HOME", "DAGSTER_HOME")}
    snapshot = build_analytics_arena(tmp_path_factory.getbasetemp() / "demo_arena", with_results=False)
    yield snapshot
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
