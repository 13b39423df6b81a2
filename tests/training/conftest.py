"""Shared fixtures: an arena home per test session (the tiny model is built once into its cache)."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def arena_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("arena")
    os.environ["ARENA_HOME"] = str(home)
    return home


@pytest.fixture(scope="session")
def arena_paths(arena_home):
    from warehouse.paths import ArenaPaths

    return ArenaPaths(arena_home)
