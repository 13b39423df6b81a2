"""Importing published results: ODA's leaderboard layout and plain CSV into the results contract."""
import json

import pyarrow.parquet as pq
import pytest

from results.csv_results import read_results_csv
from results.importer import import_results_file, read_results_file
from results.oda import parse_oda, read_oda_file
from results.schema import ResultsFormatError, slug
from tests.results.warehouse_fixture import CSV_FIXTURE, ODA_FIXTURE


def test_oda_fixture_becomes_long_rows_with_roles_and_ids():
    got = read_oda_file(ODA_FIXTURE, "published:fx")
    roles = {(r["base_model"], r["model_role"]) for r in got.scores}
    assert roles == {(b, role) for b in ("Llama-3.1-8B", "Qwen2.5-7B") for role in ("base", "instruct", "finetuned")}
    # 18 tasks in 4 domains, 7 entries per family, 2 families
    assert len(got.scores) == 18 * 7 * 2
    assert {r["benchmark"] for r in got.scores} >= {"humaneval_plus", "livecodebench_v5", "mmlu_pro", "arc_c", "gsm8k"}
    assert all(r["dataset_id"] is None for r in got.scores if r["model_role"] != "finetuned")
    # a Hub link gives the catalog's id convention; else the name's slug
    ids = {d["dataset_id"] for d in got.datasets}
    assert "fixture-org__fixture-set" in ids and "demo_math_clean" in ids
    card = next(d for d in got.datasets if d["dataset_id"] == "fixture-org__fixture-set")
    assert card["samples"] == 52002 and card["release_year"] == 2023 and card["hub_id"] == "fixture-org/fixture-set"
    stated = {(a["base_model"], a["dataset_id"], a["scope"]) for a in got.aggregates if a["kind"] == "avg"}
    assert ("Llama-3.1-8B", None, "overall") in stated
    assert all(r["protocol_id"] in ("oda:llama", "oda:qwen") for r in got.scores)


def test_slug_names_benchmarks_stably():
    assert slug("HumanEval+") == "humaneval_plus"
    assert slug("LCB(v5)") == "lcb_v5"
    assert slug("mmlu pro") == "mmlu_pro"


def _entry(**over):
    e = {"id": 1, "name": "X", "domain": "math",
         "task_details": {"math_tasks": [{"task_name": "GSM8k", "metrics": [{"metric": "accuracy", "score": 50}]}]}}
    e.update(over)
    return e


def test_missing_score_markers_are_skipped_not_errors():
    base = _entry(name="B", domain="base")
    got = parse_oda({"llama": [base, _entry(task_details={"math_tasks": [
        {"task_name": "GSM8k", "metrics": [{"metric": "accuracy", "score": "N/A"}]},
        {"task_name": "MATH500", "metrics": [{"metric": "accuracy", "score": "-"}]},
        {"task_name": "AIME2024", "metrics": [{"metric": "accuracy", "score": "12.5"}]}]})]}, "published:f", "f.json")
    finetuned = [r for r in got.scores if r["model_role"] == "finetuned"]
    assert [(r["benchmark"], r["value"]) for r in finetuned] == [("aime2024", 12.5)]


def test_bad_oda_input_names_file_and_entry():
    base = _entry(name="B", domain="base")
    with pytest.raises(ResultsFormatError, match=r"f\.json: llama\[1\] \('X'\).*score 'abc'|expected a number"):
        parse_oda({"llama": [base, _entry(task_details={"math_tasks": [
            {"task_name": "GSM8k", "metrics": [{"metric": "accuracy", "score": "abc"}]}]})]}, "published:f", "f.json")
    with pytest.raises(ResultsFormatError, match="exactly one entry with domain 'base'"):
        parse_oda({"llama": [_entry()]}, "published:f", "f.json")
    with pytest.raises(ResultsFormatError, match=r"llama\[1\] \('X'\).*not on a 0-100 scale"):
        parse_oda({"llama": [base, _entry(task_details={"math_tasks": [
            {"task_name": "GSM8k", "metrics": [{"metric": "accuracy", "score": 0.5e3}]}]})]}, "published:f", "f.json")
    with pytest.raises(ResultsFormatError, match="task group 'poetry_tasks'"):
        parse_oda({"llama": [base, _entry(task_details={"poetry_tasks": []})]}, "published:f", "f.json")


def test_csv_fixture_and_csv_errors(tmp_path):
    got = read_results_csv(CSV_FIXTURE, "published:csv")
    assert len(got.scores) == 6
    base = [r for r in got.scores if r["model_role"] == "base"]
    assert len(base) == 2 and all(r["dataset_id"] is None for r in base)
    assert {r["n_items"] for r in got.scores} == {80, 164}
    bad = tmp_path / "bad.csv"
    bad.write_text("base_model,benchmark,domain,value,dataset_id\nM,gsm8k,math,101,d\n")
    with pytest.raises(ResultsFormatError, match=r"bad\.csv: line 2: value"):
        read_results_csv(bad, "published:bad")
    bad.write_text("base_model,benchmark,domain,value,dataset_id\nM,gsm8k,poetry,10,d\n")
    with pytest.raises(ResultsFormatError, match="line 2: domain 'poetry'"):
        read_results_csv(bad, "published:bad")
    bad.write_text("base_model,benchmark,value\nM,gsm8k,10\n")
    with pytest.raises(ResultsFormatError, match="missing column"):
        read_results_csv(bad, "published:bad")


def test_import_lands_one_partition_per_source_and_replaces_it(paths, tmp_path):
    counts = import_results_file(paths, ODA_FIXTURE)
    part = paths.lake / "benchmark_scores" / "published__oda_leaderboard_fixture"
    assert counts["benchmark_scores"] == 252 and part.exists()
    import_results_file(paths, ODA_FIXTURE)  # again: replaced, not duplicated
    assert sum(pq.read_table(f).num_rows for f in part.glob("part-*.parquet")) == 252
    with pytest.raises(ResultsFormatError, match="unknown results format"):
        read_results_file(tmp_path / "results.parquet")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(ResultsFormatError, match="broken.json: not valid JSON"):
        read_results_file(broken)
    json.loads(ODA_FIXTURE.read_text())["_fixture_note"].startswith("TEST FIXTURE")


def test_published_results_asset_imports_the_inbox(paths, tmp_path):
    import shutil

    import dagster as dg

    from dagster_project.defs.results.assets import published_results
    from dagster_project.resources import ArenaLakeResource

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(ODA_FIXTURE, inbox / "oda_fixture.json")
    shutil.copy(CSV_FIXTURE, inbox / "csv_fixture.csv")
    (inbox / "notes.txt").write_text("not a results file: ignored")
    result = dg.materialize([published_results], resources={"lake": ArenaLakeResource(home=str(paths.home))},
                            run_config={"ops": {"published_results": {"config": {"folder": str(inbox)}}}})
    assert result.success
    # the inbox's files and the snapshot that ships with the project, one partition each
    assert sorted(p.name for p in (paths.lake / "benchmark_scores").iterdir()) == [
        "published__csv_fixture", "published__oda-2025-07", "published__oda_fixture"]
    mats = result.asset_materializations_for_node("published_results")
    assert {m.asset_key.to_user_string() for m in mats} == {
        "published_benchmark_scores", "published_aggregates", "published_datasets", "published_score_summaries",
        "results_import_issues", "benchmark_suite"}


def test_importer_command_line(paths, tmp_path, capsys):
    from results.importer import main

    assert main([str(CSV_FIXTURE), "--source", "published:my-csv"]) == 0
    assert "benchmark_scores: 6 rows" in capsys.readouterr().out
    assert (paths.lake / "benchmark_scores" / "published__my-csv").exists()
    bad = tmp_path / "bad.csv"
    bad.write_text("base_model,benchmark\n")
    assert main([str(bad)]) == 1
    assert "missing column" in capsys.readouterr().err
    assert main([str(CSV_FIXTURE), "--source", "mine"]) == 1
