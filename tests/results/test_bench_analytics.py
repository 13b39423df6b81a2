"""The analytics benchmark runs end to end at a tiny scale (the real run is `python -m bench.analytics`)."""
import json

import pytest

pytestmark = pytest.mark.slow


def test_bench_runs_and_reports_every_page(tmp_path, monkeypatch, capsys):
    from bench.analytics.run import PAGES, main

    monkeypatch.setenv("ARENA_HOME", str(tmp_path / "unused"))
    assert main(["--home", str(tmp_path / "bench"), "--samples", "24000", "--datasets", "12", "--repeat", "2"]) == 0
    report = json.loads((tmp_path / "bench" / "bench_report.json").read_text())
    assert report["lake"]["samples"] == 24000 and report["lake"]["runs"] == 12 * 5 + 5
    assert set(report["pages"]) == set(PAGES) == set(report["baseline_lake_without_marts"])
    assert all(r["queries"] >= 1 and r["p95_s"] >= r["p50_s"] > 0 for r in report["pages"].values())
    assert report["published_rows"]["oda-2025-07.json.gz"]["benchmark_scores"] == 8136
    assert "dbt build" in capsys.readouterr().out
