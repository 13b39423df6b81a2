"""`arena materialize --domains` launches the domains job for each dataset after its scoring, and
only then."""
from types import SimpleNamespace

from arena_cli import main as cli_main
from arena_cli import materialize as cli


def test_ingest_one_runs_the_domains_job_after_scoring(monkeypatch):
    calls = []

    def fake_run_job(name, partition_key=None, run_config=None):
        calls.append((name, partition_key))
        return SimpleNamespace(success=True, all_events=[])

    monkeypatch.setattr(cli, "run_job", fake_run_job)
    monkeypatch.setattr(cli, "setup_environment", lambda: None)
    assert cli._ingest_one("d", "demo", None, domains=True) == ("d", True, [])
    assert calls == [("ingest", "d"), ("scoring", "d"), ("domains", "d")]
    calls.clear()
    cli._ingest_one("d", "demo", None)
    assert [c[0] for c in calls] == ["ingest", "scoring"]


def test_the_flag_reaches_materialize(monkeypatch):
    seen = {}
    monkeypatch.setattr(cli_main, "materialize", lambda *a, **kw: seen.update(kw) or 0)
    assert cli_main.main(["materialize", "--catalog", "local", "--domains"]) == 0
    assert seen["domains"] is True
