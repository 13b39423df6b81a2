"""Ingest memory does not grow with the size of the input (slow: about half a minute).

The benchmark (bench/ingest) shows a 1M-record set streamed in a few hundred MB; this guards the
property behind it in CI: six times more records must not need materially more memory. Each run is
a fresh child process measured by the benchmark's own code (peak resident set, VmHWM).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_ingest", ROOT / "bench" / "ingest" / "bench_ingest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_ingest", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak RSS is read from Linux /proc")
def test_peak_memory_does_not_grow_with_records(tmp_path):
    bench = _bench()
    peaks = {}
    for n in (25_000, 150_000):
        source = tmp_path / f"gen_{n}.jsonl"
        bench.generate_jsonl(source, n)
        spec = {"method": "arena", "dataset": bench.GENERATED_ID, "path": str(source),
                "home": str(tmp_path / f"home_{n}"), "format": "alpaca"}
        result = bench.measure(spec, rss_cap_mb=2048, log_dir=tmp_path)
        assert result["status"] == "ok", result
        assert result["records"] == result["samples"] == n
        peaks[n] = result["peak_rss_mb"]
    assert peaks[150_000] < peaks[25_000] + 120, peaks
    assert peaks[150_000] < 1024, peaks
