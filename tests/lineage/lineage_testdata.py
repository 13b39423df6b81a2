"""Shared paths and marks for the lineage tests (a plain module: tests/ is not a package)."""
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SHARED = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data").resolve()


def needs_shared(fn):
    """Mark a test as reading ../shared/data, skipped with the reason where it is absent."""
    fn = pytest.mark.shared_data(fn)
    return pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present (CI provides it)")(fn)
