"""ODA's published layouts on the real files: the July 2025 JSON (seeds), the raw xlsx, the score
summaries, the December 2025 three-model excerpt; URL import over loopback HTTP; the shipped snapshot."""
import gzip
import http.server
import json
import threading
from functools import partial

import pyarrow.parquet as pq
import pytest

from ingest.identity import dataset_key, parse_hub_link
from results.importer import import_results, read_results_file
from results.schema import ResultsFormatError
from results.snapshot import read_snapshot, shipped_snapshots
from tests.conftest import SHARED, requires_shared

ODA = SHARED / "oda_leaderboard"


def test_canonical_keys_ignore_case_and_keep_file_variants():
    assert dataset_key("O1-OPEN/OpenO1-SFT") == dataset_key("o1-open/openo1-sft") == "o1-open__openo1-sft"
    link = "https://huggingface.co/datasets/a-m-team/AM-Thinking-v1-Distilled/blob/main/math.jsonl"
    assert parse_hub_link(link) == ("a-m-team/AM-Thinking-v1-Distilled", "math")
    assert dataset_key(*parse_hub_link(link)) == "a-m-team__am-thinking-v1-distilled__math"
    assert parse_hub_link("https://github.com/org/repo") is None


@requires_shared
def test_july_file_imports_every_dataset_with_its_seeds():
    r = read_results_file(ODA / "processed_leaderboard_data.json")
    finetuned = {(s["base_model"], s["dataset_id"]) for s in r.scores if s["model_role"] == "finetuned"}
    assert len(finetuned) == 178 and len({d for _, d in finetuned}) == 89
    assert len({s["benchmark"] for s in r.scores}) == 18
    # HumanEval sits among the file's math tasks; the suite puts it in code, and the file's grouping is kept
    he = next(s for s in r.scores if s["benchmark"] == "humaneval")
    assert (he["domain"], he["stated_domain"]) == ("code", "math")
    # Dolly on Llama-3.1-8B: DROP seeds 65.61, 62.11, 61.78, whose mean is the file's 63.17
    drop = sorted(s["value"] for s in r.scores if s["base_model"] == "Llama-3.1-8B" and s["benchmark"] == "drop"
                  and s["dataset_id"] == "databricks__databricks-dolly-15k")
    assert drop == [61.78, 62.11, 65.61]
    # four per-seed arrays do not fit their task lists: said, not dropped silently
    assert [i["reason"] for i in r.issues] == ["seed_array_mismatch"] * 4
    assert all(i["action"] == "kept" for i in r.issues)


@requires_shared
def test_raw_sheet_agrees_with_the_website_json():
    def means(imported):
        cells = {}
        for s in imported.scores:
            cells.setdefault((s["base_model"], s["dataset_id"] or s["model_role"], s["benchmark"]), []).append(s["value"])
        return {k: sum(v) / len(v) for k, v in cells.items()}
    sheet, site = means(read_results_file(ODA / "0726.xlsx")), means(read_results_file(ODA / "processed_leaderboard_data.json"))
    assert set(sheet) == set(site) and len(site) == 3276
    assert max(abs(sheet[k] - site[k]) for k in site) < 0.01


@requires_shared
def test_score_summaries_and_december_excerpt():
    summaries = read_results_file(ODA / "processed_score_data.json").summaries
    assert len({s["dataset_name"] for s in summaries}) == 56
    length = next(s for s in summaries if s["dimension"] == "oda_qa_a_length" and s["dataset_name"] == "AM-Thinking-v1-Distilled-code")
    assert length["mean"] == 5052.5 and length["bins"] == [200.0, 46618.0]
    if not (ODA / "llm_excerpt.json").exists():
        pytest.skip("the December 2025 excerpt is not in ../shared/data/oda_leaderboard")
    dec = read_results_file(ODA / "llm_excerpt.json")
    assert {s["base_model"] for s in dec.scores} == {"Llama-3.1-8B", "Qwen2.5-7B", "Qwen3-8B-base"}
    assert len({s["benchmark"] for s in dec.scores}) == 22
    qwen3_math = {s["benchmark"] for s in dec.scores if s["base_model"] == "Qwen3-8B-base" and s["domain"] == "math"}
    assert len(qwen3_math) == 9 and {"aime2025", "hmmt2025"} <= qwen3_math


def test_malformed_records_name_file_and_record(tmp_path):
    bad = tmp_path / "board.json"
    bad.write_text(json.dumps({"llama": [
        {"name": "Base", "domain": "base", "task_details": {"math_tasks": [{"task_name": "GSM8k", "metrics": [{"score": 50}]}]}},
        {"name": "Broken", "domain": "math", "task_details": {"math_tasks": [{"task_name": "GSM8k", "metrics": [{"score": "high"}]}]}},
    ]}))
    with pytest.raises(ResultsFormatError, match=r"board\.json: llama\[1\] \('Broken'\).*GSM8k.*'high'"):
        read_results_file(bad)
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(ResultsFormatError, match="x.xlsx: not a readable xlsx"):
        read_results_file(tmp_path / "x.xlsx")


@pytest.fixture
def loopback_server(tmp_path):
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_url_import_over_http_replaces_on_reimport(paths, tmp_path, loopback_server):
    board = {"llama": [
        {"name": "Llama-3.1-8B", "domain": "base", "task_details": {"math_tasks": [{"task_name": "GSM8k", "metrics": [{"metric": "accuracy", "score": 50}]}]}},
        {"name": "Alpaca", "domain": "general", "link": "https://huggingface.co/datasets/tatsu-lab/alpaca",
         "task_details": {"math_tasks": [{"task_name": "GSM8k", "metrics": [{"metric": "accuracy", "score": 40}]}]}},
    ]}
    (tmp_path / "board.json").write_text(json.dumps(board))
    for _ in range(2):
        path, source, written = import_results(paths, f"{loopback_server}/board.json")
    assert source == "published:board" and written["benchmark_scores"] == 2
    rows = pq.read_table(paths.lake / "benchmark_scores").to_pylist()
    assert len(rows) == 2 and {r["dataset_id"] for r in rows} == {None, "tatsu-lab__alpaca"}
    with pytest.raises(ResultsFormatError, match="HTTP 404"):
        import_results(paths, f"{loopback_server}/missing.json")
    assert not list((paths.home / "results" / "downloads").glob(".*partial"))


def test_shipped_snapshot_is_compact_and_provenance_stamped():
    [snapshot] = shipped_snapshots()
    assert snapshot.stat().st_size < 512 * 1024
    with gzip.open(snapshot, "rt") as f:
        provenance = json.load(f)["provenance"]
    assert provenance["repository"] == "OpenDataArena/OpenDataArena.github.io"
    assert len(provenance["commit"]) == 40 and all(len(i["sha256"]) == 64 for i in provenance["inputs"])
    rows = read_snapshot(snapshot)
    assert len({(s["base_model"], s["dataset_id"]) for s in rows.scores if s["dataset_id"]}) == 178
    assert len({s["dataset_name"] for s in rows.summaries}) == 56


@requires_shared
def test_shipped_snapshot_equals_a_fresh_import_of_the_files():
    rows = read_snapshot(shipped_snapshots()[0])
    fresh = read_results_file(ODA / "processed_leaderboard_data.json", "published:oda-2025-07")
    fresh.extend(read_results_file(ODA / "processed_score_data.json", "published:oda-2025-07"))
    assert rows.scores == fresh.scores and rows.datasets == fresh.datasets and rows.summaries == fresh.summaries
