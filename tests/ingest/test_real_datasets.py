"""Ingest real datasets from ../shared/data (catalog `local`) and check that nothing is lost.

Each dataset's source records are counted here with the standard library alone (json, csv, gzip),
independently of the readers under test, and must equal samples + rejects, with every record index
accounted for once. The sets cover six file layouts (JSON array, JSON Lines, JSON Lines saved as
.json, gzipped JSON Lines, CSV with a header, a glob of headerless CSVs) and eleven record formats.
Multi-turn history (LIMA), system prompts and tool turns must survive normalization, and a rerun of
a partition must leave identical tables.
"""
from __future__ import annotations

import csv
import glob
import gzip
import json

import pytest

from ingest.catalog import load_catalog, resolve_local_path
from ingest.pipeline import normalize_dataset, read_dataset
from warehouse.paths import shared_data_dir
from warehouse.tables import RAW_RECORDS, REJECTS_NORMALIZE, REJECTS_READ, SAMPLES
from warehouse import lake
from warehouse.paths import ArenaPaths

SHARED = shared_data_dir()
pytestmark = [pytest.mark.shared_data,
              pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present (CI provides it)")]

# dataset id -> the format detection (or the catalog) must settle on
EXPECTED_FORMAT = {
    "alpaca_sdft": "alpaca",                     # JSON array
    "lima_sdft": "alpaca",                       # JSON array, multi-turn `history`
    "codealpaca_2k": "alpaca",                   # JSON array, two records with empty text
    "gsm8k_test": "question_answer",             # JSON Lines
    "math_test": "problem_solution",             # JSON Lines saved as .json
    "humaneval_shared": "humaneval",             # gzipped JSON Lines
    "truthfulqa": "question_answer",             # CSV with a header
    "mmlu_test": "mmlu_csv",                     # glob of 57 headerless CSVs
    "llamafactory_v1_sft_demo": "openai",        # OpenAI messages with content parts
    "llamafactory_dpo_en_demo": "sharegpt",      # ShareGPT with system turns and `chosen`
    "llamafactory_glaive_toolcall": "sharegpt",  # ShareGPT with function calls and observations
    "arc_challenge_test": "multiple_choice",
    "mbpp": "columns",
    "mt_bench": "turns",                         # prompt-only benchmark
    "alpaca_seed_tasks": "self_instruct",
}


def count_source_records(pattern: str, header: bool) -> int:
    """Records in the files a catalog path names, counted with the standard library only."""
    total = 0
    for path in sorted(glob.glob(resolve_local_path(pattern))):
        opener = gzip.open if path.endswith(".gz") else open
        name = path.removesuffix(".gz")
        with opener(path, "rt", encoding="utf-8-sig", newline="" if name.endswith(".csv") else None) as f:
            if name.endswith(".csv"):
                rows = sum(1 for row in csv.reader(f) if row)
                total += rows - (1 if header else 0)
            elif name.endswith(".jsonl"):
                total += sum(1 for line in f if line.strip())
            else:
                content = f.read()
                try:
                    doc = json.loads(content)
                    total += len(doc)
                except json.JSONDecodeError:  # JSON Lines under a .json name
                    total += sum(1 for line in content.splitlines() if line.strip())
    return total


def load_records(pattern: str) -> list[dict]:
    path = resolve_local_path(pattern)
    with open(path, encoding="utf-8") as f:
        return json.load(f) if path.endswith(".json") else [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="module")
def catalog():
    return {e.id: e for e in load_catalog("local").datasets}


@pytest.fixture(scope="module")
def ingested(catalog, tmp_path_factory):
    """Every dataset above, read and normalized once into one arena home (per test module)."""
    paths = ArenaPaths(tmp_path_factory.mktemp("real_arena"))
    stats = {}
    for dataset_id in EXPECTED_FORMAT:
        entry = catalog[dataset_id]
        read = read_dataset(entry, paths, progress=False)
        stats[dataset_id] = (read, normalize_dataset(entry, paths, progress=False))
    return paths, stats


def _samples(paths, dataset_id) -> dict[int, dict]:
    return {r["record_index"]: r for r in lake.read_partition(paths, SAMPLES.name, dataset_id).to_pylist()}


def test_enough_datasets_and_formats():
    file_layouts = {"json_array", "jsonl", "jsonl_as_json", "jsonl_gz", "csv_header", "csv_headerless_glob"}
    assert len(EXPECTED_FORMAT) >= 10 and len(set(EXPECTED_FORMAT.values())) >= 5 and len(file_layouts) >= 5


@pytest.mark.parametrize("dataset_id", list(EXPECTED_FORMAT))
def test_source_records_equal_samples_plus_rejects(dataset_id, catalog, ingested, nothing_lost):
    paths, stats = ingested
    entry = catalog[dataset_id]
    n_source = count_source_records(entry.source.path, header=entry.csv_header and entry.format != "mmlu_csv")
    assert n_source > 0
    assert entry.size == n_source, "catalog size disagrees with the source"
    read, norm = stats[dataset_id]
    assert norm.format == EXPECTED_FORMAT[dataset_id]
    assert read.records == n_source == norm.source_records
    counts = nothing_lost(paths, dataset_id, n_source)
    assert counts[SAMPLES.name] == norm.samples and norm.samples > 0
    assert lake.read_partition(paths, SAMPLES.name, dataset_id).column("dataset_id").unique().to_pylist() == [dataset_id]


def test_real_rejects_are_the_records_with_empty_text(catalog, ingested):
    """codealpaca_2k holds records with an empty side: exactly those, found here independently, are rejected."""
    paths, _ = ingested
    records = load_records(catalog["codealpaca_2k"].source.path)
    empty = sorted(i for i, r in enumerate(records)
                   if not r["instruction"].strip() or not (r.get("output") or r.get("response") or "").strip())
    assert empty, "the source changed: no record with empty text left"
    rejects = lake.read_partition(paths, REJECTS_NORMALIZE.name, "codealpaca_2k").to_pylist()
    assert sorted(r["record_index"] for r in rejects) == empty
    assert {r["reason_code"] for r in rejects} == {"empty_text"}
    assert lake.read_partition(paths, REJECTS_READ.name, "codealpaca_2k").num_rows == 0


def test_lima_multi_turn_history_is_kept(catalog, ingested):
    paths, _ = ingested
    records = load_records(catalog["lima_sdft"].source.path)
    samples = _samples(paths, "lima_sdft")
    multi = [i for i, r in enumerate(records) if r.get("history")]
    assert len(multi) >= 10
    for i, record in enumerate(records):
        row = samples[i]
        history = record.get("history") or []
        expected = [m for q, a in history for m in ({"role": "user", "content": q}, {"role": "assistant", "content": a})]
        user = record["instruction"] + (f"\n\n{record['input']}" if record["input"].strip() else "")
        expected += [{"role": "user", "content": user}, {"role": "assistant", "content": record["output"]}]
        assert row["messages"] == expected, f"record #{i}"
        assert row["n_turns"] == len(history) + 1
        for q, a in history:
            assert q in row["instruction_text"] and a in row["response_text"]


def test_system_prompts_and_tool_turns_are_kept(catalog, ingested):
    paths, _ = ingested
    records = load_records(catalog["llamafactory_dpo_en_demo"].source.path)
    samples = _samples(paths, "llamafactory_dpo_en_demo")
    with_system = [i for i, r in enumerate(records) if any(t["from"] == "system" for t in r["conversations"])]
    assert len(with_system) >= 50
    for i in with_system:
        system = next(t["value"] for t in records[i]["conversations"] if t["from"] == "system")
        row = samples[i]
        assert row["system"] == system
        assert row["messages"][0] == {"role": "system", "content": system}
        assert row["instruction_text"].startswith(system)
        # the preference pair's chosen answer is the response
        assert row["messages"][-1] == {"role": "assistant", "content": records[i]["chosen"]["value"]}
    assert sum(r["system"] is not None for r in samples.values()) == len(with_system)

    records = load_records(catalog["llamafactory_glaive_toolcall"].source.path)
    samples = _samples(paths, "llamafactory_glaive_toolcall")
    for i, record in enumerate(records):
        roles = [m["role"] for m in samples[i]["messages"]]
        assert roles.count("tool") == sum(t["from"] == "observation" for t in record["conversations"])
        assert len(roles) == len(record["conversations"])
        assert "tools" in json.loads(samples[i]["extra"] or "{}") or not record.get("tools")


def test_openai_content_parts_are_joined(catalog, ingested):
    paths, _ = ingested
    records = load_records(catalog["llamafactory_v1_sft_demo"].source.path)
    samples = _samples(paths, "llamafactory_v1_sft_demo")
    for i, record in enumerate(records):
        expected = [{"role": m["role"], "content": "".join(p["value"] for p in m["content"])} for m in record["messages"]]
        assert samples[i]["messages"] == expected


def test_benchmark_gold_answers_are_kept(ingested):
    paths, _ = ingested
    gsm = lake.read_partition(paths, SAMPLES.name, "gsm8k_test").to_pylist()
    assert all(json.loads(r["extra"])["answer"] == r["response_text"].rsplit("####", 1)[1].strip().replace(",", "") for r in gsm)
    mmlu = lake.read_partition(paths, SAMPLES.name, "mmlu_test", columns=["extra"]).column(0).to_pylist()
    assert {json.loads(e)["answer"] for e in mmlu} == {"A", "B", "C", "D"}


TABLES = (RAW_RECORDS.name, REJECTS_READ.name, SAMPLES.name, REJECTS_NORMALIZE.name)


@pytest.mark.parametrize("dataset_id", ["codealpaca_2k", "mmlu_test", "llamafactory_dpo_en_demo"])
def test_rerun_of_a_partition_leaves_identical_tables(dataset_id, catalog, tmp_path):
    paths = ArenaPaths(tmp_path / "arena")
    entry = catalog[dataset_id]

    def materialize():
        read_dataset(entry, paths, progress=False)
        normalize_dataset(entry, paths, progress=False)
        return {t: lake.read_partition(paths, t, dataset_id) for t in TABLES}

    first = materialize()
    files_before = {t: [f.name for f in lake.partition_files(paths, t, dataset_id)] for t in TABLES}
    second = materialize()
    for table in TABLES:
        assert second[table].equals(first[table]), f"{table} differs after a rerun"
        assert [f.name for f in lake.partition_files(paths, table, dataset_id)] == files_before[table]
    assert first[SAMPLES.name].num_rows > 0
    # no leftovers of the swap (temporary or old folders) beside the partitions
    for table in TABLES:
        assert [p.name for p in paths.table_dir(table).iterdir()] == [dataset_id]
