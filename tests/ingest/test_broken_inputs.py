"""A corpus of broken inputs: each one gives its clear error or its reject row, and nothing is lost.

Every case is one row of a table: the files a dataset consists of, the catalog fields it is declared
with, and what must come out:

- reject cases: the listed records end in a rejects table with their reason code and an excerpt of
  the raw record, the reason names the dataset and the record; every other record is a sample;
- error cases: ingest fails with `IngestError` whose message names the dataset and the cause (the
  file, the record), and nothing is published for the dataset.

In both, "nothing lost" is checked through `account()` and the record indexes: the source's records
(counted here by construction, not by the code under test) are exactly samples + rejects.
Catalog validation has its own table below: each bad entry's error names the file, entry and field.
"""
from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from ingest.catalog import CatalogError, DatasetEntry, load_catalog, parse_catalog
from ingest.pipeline import IngestError, normalize_dataset, read_dataset
from warehouse.tables import RAW_RECORDS, REJECTS_NORMALIZE, REJECTS_READ, SAMPLES
from warehouse import lake

N_GOOD = 19  # good records around the broken ones: one bad record in 20 stays under the default 10% bound


# ---------------------------------------------------------------- record and file builders

def alpaca(i: int, **fields) -> dict:
    return {"instruction": f"Question {i}: what is {i} plus {i}?", "input": "", "output": f"It is {2 * i}.", **fields}


def sharegpt(i: int, turns: list | None = None) -> dict:
    return {"conversations": turns if turns is not None else [
        {"from": "human", "value": f"Hello number {i}"}, {"from": "gpt", "value": f"Hi, you are {i}."}]}


def openai(i: int, messages: list | None = None) -> dict:
    return {"messages": messages if messages is not None else [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": f"Count to {i}"}, {"role": "assistant", "content": " ".join(map(str, range(i + 1)))}]}


def arc(i: int, key: str = "A") -> dict:
    return {"id": f"arc-{i}", "question": {"stem": f"Which number is {i}?", "choices": [
        {"label": "A", "text": str(i)}, {"label": "B", "text": str(i + 1)}, {"label": "C", "text": str(i + 2)}]},
        "answerKey": key}


def goods(make=alpaca, n: int = N_GOOD, start: int = 0) -> list[dict]:
    return [make(i) for i in range(start, start + n)]


def _line(record) -> bytes:
    if isinstance(record, bytes):
        return record
    if isinstance(record, str):
        return record.encode("utf-8")
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def jsonl(records: list) -> bytes:
    """JSON Lines; a dict is serialized, a str/bytes is written as the raw line (for broken lines)."""
    return b"\n".join(_line(r) for r in records) + b"\n"


def json_array(records: list) -> bytes:
    return b"[\n  " + b",\n  ".join(_line(r) for r in records) + b"\n]\n"


def csv_lines(rows: list[bytes | str]) -> bytes:
    return b"\n".join(r if isinstance(r, bytes) else r.encode("utf-8") for r in rows) + b"\n"


def qa_rows(n: int = N_GOOD) -> list[str]:
    return [f'"What is {i} times 3?","{3 * i}"' for i in range(n)]


def mmlu_rows(n: int = N_GOOD) -> list[str]:
    return [f'"Which is {i}?",{i},{i + 1},{i + 2},{i + 3},A' for i in range(n)]


def parquet(records: list[dict]) -> bytes:
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(records), buf)
    return buf.getvalue()


# ---------------------------------------------------------------- the corpus

@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, bytes]
    source: str | None = None                     # path pattern (relative to the case folder); default: the only file
    entry: dict = field(default_factory=dict)     # extra catalog fields: format, role, max_reject_share, ...
    max_record_bytes: int | None = None
    n_source: int | None = None                   # records in the source, counted by construction
    rejects: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # index -> (stage, reason_code, excerpt marker)
    error: tuple[str, ...] = ()                   # substrings of the IngestError message
    error_stage: str = "read"                     # 'read' or 'normalize'
    marks: tuple = ()


def reject_case(id, files, bad: dict[int, tuple[str, str, str]], n_source, **kw) -> Case:
    return Case(id=id, files=files, rejects=bad, n_source=n_source, **kw)


CASES = [
    # ---- read stage: the record cannot be parsed ----
    reject_case("malformed_json_line",
                {"d.jsonl": jsonl(goods(n=5) + ["", '{"instruction": "BROKEN-1", "output": '] + goods(start=5, n=14))},
                {5: ("read", "malformed_json", "BROKEN-1")}, 20),
    reject_case("malformed_json_line_gzipped",
                {"d.jsonl.gz": gzip.compress(jsonl(goods(n=3) + ['{"instruction": "BROKEN-GZ" "output": "x"}'] + goods(start=3, n=16)))},
                {3: ("read", "malformed_json", "BROKEN-GZ")}, 20),
    reject_case("invalid_utf8_in_jsonl",
                {"d.jsonl": jsonl(goods(n=7) + [b'{"instruction": "LATIN1-\xe9t\xe9", "output": "x"}'] + goods(start=7, n=12))},
                {7: ("read", "invalid_utf8", "LATIN1-")}, 20),
    reject_case("invalid_utf8_in_json_array",
                {"d.json": json_array(goods(n=2) + [b'{"instruction": "BADBYTES-\xff\xfe", "output": "x"}'] + goods(start=2, n=17))},
                {2: ("read", "invalid_utf8", "BADBYTES-")}, 20),
    reject_case("invalid_utf8_in_csv",
                {"d.csv": csv_lines(["question,answer"] + qa_rows(10) + [b'"CSVBAD-\xc3\x28",7'] + qa_rows(9))},
                {10: ("read", "invalid_utf8", "CSVBAD-")}, 20),
    reject_case("oversized_record_jsonl",
                {"d.jsonl": jsonl(goods(n=4) + [alpaca(99, instruction="OVERSIZED " + "x" * 10_000)] + goods(start=4, n=15))},
                {4: ("read", "oversized_record", "OVERSIZED")}, 20, max_record_bytes=4096),
    reject_case("oversized_record_json_array",
                {"d.json": json_array(goods(n=11) + [alpaca(99, instruction="HUGE " + "y" * 10_000)] + goods(start=11, n=8))},
                {11: ("read", "oversized_record", "HUGE")}, 20, max_record_bytes=4096),
    reject_case("record_is_a_list",
                {"d.jsonl": jsonl(goods(n=1) + ['["LISTREC", 1, 2]'] + goods(start=1, n=18))},
                {1: ("read", "not_an_object", "LISTREC")}, 20),
    reject_case("record_is_a_number",
                {"d.json": json_array(goods(n=6) + ["31415926"] + goods(start=6, n=13))},
                {6: ("read", "not_an_object", "31415926")}, 20),
    reject_case("csv_row_with_wrong_field_count",
                {"d.csv": csv_lines(["question,answer"] + qa_rows(3) + ['"EXTRA-FIELD",1,2'] + qa_rows(16))},
                {3: ("read", "wrong_field_count", "EXTRA-FIELD")}, 20),
    reject_case("headerless_mmlu_csv_row_with_wrong_field_count",
                {"x_test.csv": csv_lines(mmlu_rows(12) + ['"SHORTROW",1,2,3,A'] + mmlu_rows(7))},
                {12: ("read", "wrong_field_count", "SHORTROW")}, 20, entry={"format": "mmlu_csv", "role": "benchmark"}),
    # ---- normalize stage: parsed, but not a usable sample ----
    reject_case("missing_output_field",
                {"d.jsonl": jsonl(goods(n=8) + [{"instruction": "NO-OUTPUT here", "input": ""}] + goods(start=8, n=11))},
                {8: ("normalize", "missing_field", "NO-OUTPUT")}, 20),
    reject_case("output_is_a_dict",
                {"d.jsonl": jsonl(goods() + [alpaca(50, instruction="DICT-OUT", output={"text": "x"})])},
                {19: ("normalize", "wrong_type", "DICT-OUT")}, 20),
    reject_case("output_is_a_list",
                {"d.json": json_array([alpaca(50, instruction="LIST-OUT", output=["a", "b"])] + goods())},
                {0: ("normalize", "wrong_type", "LIST-OUT")}, 20),
    reject_case("output_is_a_bool",
                {"d.jsonl": jsonl(goods(n=10) + [alpaca(50, instruction="BOOL-OUT", output=True)] + goods(start=10, n=9))},
                {10: ("normalize", "wrong_type", "BOOL-OUT")}, 20),
    reject_case("null_instruction",
                {"d.jsonl": jsonl(goods(n=2) + [{"instruction": None, "input": "", "output": "NULL-INSTR"}] + goods(start=2, n=17))},
                {2: ("normalize", "missing_field", "NULL-INSTR")}, 20),
    reject_case("empty_instruction",
                {"d.jsonl": jsonl(goods(n=5) + [alpaca(50, instruction="", output="EMPTY-INSTR")] + goods(start=5, n=14))},
                {5: ("normalize", "empty_text", "EMPTY-INSTR")}, 20),
    reject_case("whitespace_only_output",
                {"d.jsonl": jsonl(goods(n=5) + [alpaca(50, instruction="WS-OUT", output=" \n\t  ")] + goods(start=5, n=14))},
                {5: ("normalize", "empty_text", "WS-OUT")}, 20),
    reject_case("nul_characters",
                {"d.jsonl": jsonl(goods(n=3) + [alpaca(50, instruction="NUL-TEXT", output="a\u0000b")] + goods(start=3, n=16))},
                {3: ("normalize", "invalid_text", "NUL-TEXT")}, 20),
    reject_case("alpaca_history_not_pairs",
                {"d.jsonl": jsonl(goods(n=3) + [alpaca(50, instruction="BAD-HISTORY", history=[["only one"]])] + goods(start=3, n=16))},
                {3: ("normalize", "wrong_type", "BAD-HISTORY")}, 20),
    reject_case("sharegpt_no_user_turn",
                {"d.jsonl": jsonl(goods(sharegpt, n=4) + [sharegpt(0, [{"from": "gpt", "value": "NO-USER answer"}])]
                                  + goods(sharegpt, start=4, n=15))},
                {4: ("normalize", "no_user_turn", "NO-USER")}, 20),
    reject_case("sharegpt_no_response",
                {"d.jsonl": jsonl(goods(sharegpt, n=4) + [sharegpt(0, [{"from": "human", "value": "NO-REPLY question"}])]
                                  + goods(sharegpt, start=4, n=15))},
                {4: ("normalize", "no_response", "NO-REPLY")}, 20),
    reject_case("sharegpt_unknown_speaker",
                {"d.json": json_array(goods(sharegpt, n=9) + [sharegpt(0, [{"from": "human", "value": "hi"},
                                                                           {"from": "narrator", "value": "ODD-SPEAKER"}])]
                                      + goods(sharegpt, start=9, n=10))},
                {9: ("normalize", "unknown_role", "ODD-SPEAKER")}, 20),
    reject_case("sharegpt_turn_not_an_object",
                {"d.jsonl": jsonl(goods(sharegpt, n=1) + [sharegpt(0, ["TURN-IS-STRING", {"from": "gpt", "value": "x"}])]
                                  + goods(sharegpt, start=1, n=18))},
                {1: ("normalize", "wrong_type", "TURN-IS-STRING")}, 20),
    reject_case("openai_non_text_content_part",
                {"d.jsonl": jsonl(goods(openai, n=6) + [openai(0, [
                    {"role": "user", "content": [{"type": "text", "text": "What is shown?"},
                                                 {"type": "image_url", "image_url": {"url": "IMAGE-PART.png"}}]},
                    {"role": "assistant", "content": "A cat."}])] + goods(openai, start=6, n=13))},
                {6: ("normalize", "unsupported_content", "IMAGE-PART")}, 20),
    reject_case("openai_unknown_role",
                {"d.jsonl": jsonl(goods(openai, n=6) + [openai(0, [{"role": "wizard", "content": "ROLE-WIZARD"},
                                                                   {"role": "assistant", "content": "x"}])]
                                  + goods(openai, start=6, n=13))},
                {6: ("normalize", "unknown_role", "ROLE-WIZARD")}, 20),
    reject_case("mmlu_bad_answer_letter",
                {"x_test.csv": csv_lines(mmlu_rows(15) + ['"BAD-LETTER?",1,2,3,4,E'] + mmlu_rows(4))},
                {15: ("normalize", "invalid_value", "BAD-LETTER")}, 20, entry={"format": "mmlu_csv", "role": "benchmark"}),
    reject_case("arc_answer_key_not_a_choice",
                {"d.jsonl": jsonl(goods(arc, n=13) + [arc(77, key="Z") | {"id": "ARC-BADKEY"}] + goods(arc, start=13, n=6))},
                {13: ("normalize", "invalid_value", "ARC-BADKEY")}, 20),
    reject_case("parquet_null_output",
                {"d.parquet": parquet(goods(n=12) + [{"instruction": "PQ-NULL", "input": "", "output": None}] + goods(start=12, n=7))},
                {12: ("normalize", "missing_field", "PQ-NULL")}, 20),
    # ---- inputs that look broken but are valid: every record must be kept ----
    reject_case("nan_in_an_unused_field", {"d.jsonl": jsonl(goods(n=4) + ['{"instruction": "a", "output": "b", "score": NaN}']
                                                            + goods(start=4, n=15))}, {}, 20),
    reject_case("parquet_nan_float_column",
                {"d.parquet": parquet([alpaca(i) | {"score": float("nan") if i == 3 else 0.5} for i in range(20)])}, {}, 20),
    reject_case("utf8_bom_at_start_of_jsonl", {"d.jsonl": b"\xef\xbb\xbf" + jsonl(goods(n=20))}, {}, 20),
    reject_case("utf8_bom_jsonl_saved_as_json", {"d.json": b"\xef\xbb\xbf" + jsonl(goods(n=20))}, {}, 20),
    reject_case("utf8_bom_json_object_of_records",
                {"d.json": b"\xef\xbb\xbf" + json.dumps({f"k{i}": alpaca(i) for i in range(20)}, indent=2).encode()}, {}, 20),
    reject_case("utf8_bom_json_array", {"d.json": b"\xef\xbb\xbf" + json_array(goods(n=20))}, {}, 20),
    reject_case("csv_field_over_128k_chars",
                {"d.csv": csv_lines(["question,answer"] + qa_rows(19) + ['"Long one?","' + "z" * 200_000 + '"'])}, {}, 20),
    reject_case("escaped_lone_surrogate_in_jsonl",
                {"d.jsonl": jsonl(goods(n=2) + ['{"instruction": "SURROGATE-\\ud800", "output": "x"}'] + goods(start=2, n=17))},
                {2: ("read", "invalid_utf8", "SURROGATE-")}, 20),
    reject_case("escaped_lone_surrogate_in_json_array",
                {"d.json": json_array(goods(n=2) + ['{"instruction": "SURROGATE-\\udc00", "output": "x"}'] + goods(start=2, n=17))},
                {2: ("read", "invalid_utf8", "SURROGATE-")}, 20),
    # ---- the whole source is unusable: a clear error, nothing published ----
    Case("truncated_json_array", {"d.json": json_array(goods(n=3))[:-40]},
         error=("d.json", "record #2", "malformed")),
    Case("json_array_not_closed", {"d.json": json_array(goods(n=3)).rstrip()[:-1]},
         error=("d.json", "not closed", "after record #3")),
    Case("malformed_element_inside_json_array",
         {"d.json": json_array(goods(n=4) + ['{"instruction": , "output": "x"}'] + goods(start=4, n=3))},
         error=("d.json", "record #4", "malformed")),
    Case("json_document_is_a_scalar", {"d.json": b'"just a string"\n'}, error=("d.json", "not a JSON array or object")),
    Case("empty_jsonl_file", {"d.jsonl": b""}, error=("no records", "d.jsonl")),
    Case("empty_json_array", {"d.json": b"[]\n"}, error=("no records", "d.json")),
    Case("csv_with_only_a_header", {"d.csv": b"question,answer\n"}, error=("no records", "d.csv")),
    Case("missing_file", {}, source="does_not_exist.jsonl", error=("no file matches", "does_not_exist.jsonl")),
    Case("glob_matching_nothing", {"a.json": json_array(goods(n=2))}, source="parts/*.jsonl",
         error=("no file matches", "parts/*.jsonl")),
    Case("unknown_file_type", {"d.txt": b"hello\n"}, error=("d.txt", "unknown file type")),
    Case("corrupt_gzip", {"d.jsonl.gz": gzip.compress(jsonl(goods()))[:60]}, error=("d.jsonl.gz", "cannot be read", "EOFError")),
    Case("not_gzip_at_all", {"d.jsonl.gz": jsonl(goods())}, error=("d.jsonl.gz", "cannot be read", "Not a gzipped file")),
    Case("corrupt_parquet", {"d.parquet": parquet(goods())[:-50]}, error=("d.parquet", "cannot be read", "Parquet")),
    Case("unknown_format", {"d.jsonl": jsonl([{"foo": f"FOO-{i}", "bar": i} for i in range(20)])},
         n_source=20, rejects={i: ("normalize", "unknown_format", f"FOO-{i}") for i in range(20)},
         error=("20 of 20 records rejected", "format 'unknown'", "unknown_format"), error_stage="normalize"),
    Case("reject_share_above_bound",
         {"d.jsonl": jsonl(goods(n=15) + [alpaca(50 + i, output="") for i in range(5)])}, entry={"max_reject_share": 0.2},
         n_source=20, rejects={15 + i: ("normalize", "empty_text", f"Question {50 + i}") for i in range(5)},
         error=("5 of 20 records rejected", "25.0%", "bound of 20.0%", "empty_text: 5"), error_stage="normalize"),
]

assert len(CASES) >= 20 and len({c.id for c in CASES}) == len(CASES)


def _entry(case: Case, folder: Path) -> DatasetEntry:
    source = case.source or next(iter(case.files))
    return DatasetEntry.model_validate({"id": case.id, "name": case.id.replace("_", " "), "domain": "general",
                                        "source": {"path": str(folder / source)}, **case.entry})


def _ingest(entry: DatasetEntry, paths, max_record_bytes: int | None):
    kw = {} if max_record_bytes is None else {"max_record_bytes": max_record_bytes}
    read_dataset(entry, paths, progress=False, **kw)
    return normalize_dataset(entry, paths, progress=False)


def _rejects_by_index(paths, dataset_id: str) -> dict[int, dict]:
    rows = {}
    for table in (REJECTS_READ.name, REJECTS_NORMALIZE.name):
        if lake.has_partition(paths, table, dataset_id):
            for row in lake.read_partition(paths, table, dataset_id).to_pylist():
                assert row["record_index"] not in rows, f"record #{row['record_index']} rejected twice"
                rows[row["record_index"]] = row
    return rows


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_broken_input(case: Case, paths, tmp_path, nothing_lost):
    folder = tmp_path / "src"
    folder.mkdir()
    for name, content in case.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    entry = _entry(case, folder)

    if case.error:
        with pytest.raises(IngestError) as info:
            _ingest(entry, paths, case.max_record_bytes)
        message = str(info.value)
        assert f"dataset '{case.id}'" in message
        for part in case.error:
            assert part in message, f"{part!r} not in error: {message}"
        # a failed dataset publishes no samples; a source that could not be read leaves no snapshot
        assert not lake.has_partition(paths, SAMPLES.name, case.id)
        if case.error_stage == "read":
            assert not lake.has_partition(paths, RAW_RECORDS.name, case.id)
            assert not lake.has_partition(paths, REJECTS_READ.name, case.id)
    else:
        stats = _ingest(entry, paths, case.max_record_bytes)
        assert stats.samples == case.n_source - len(case.rejects)

    if case.n_source is not None:
        if case.error_stage == "normalize" and case.error:
            # samples were withdrawn, but the snapshot and every reject remain for inspection
            assert lake.read_partition(paths, RAW_RECORDS.name, case.id).num_rows == case.n_source
        else:
            nothing_lost(paths, case.id, case.n_source)
        rejects = _rejects_by_index(paths, case.id)
        assert set(rejects) == set(case.rejects)
        for index, (stage, code, marker) in case.rejects.items():
            row = rejects[index]
            assert (row["stage"], row["reason_code"]) == (stage, code), row
            assert row["dataset_id"] == case.id
            assert f"dataset '{case.id}' record #{index}:" in row["reason"]
            assert marker in row["raw_excerpt"], row
            assert row["source_file"] and Path(row["source_file"]).name == Path(entry.source.path).name


def test_failed_rerun_withdraws_earlier_samples(paths, tmp_path, nothing_lost):
    """A dataset that was fine and is now mostly broken must not keep showing its old samples."""
    path = tmp_path / "d.jsonl"
    path.write_bytes(jsonl(goods()))
    entry = DatasetEntry(id="flaky", name="flaky", domain="general", source={"path": str(path)})
    _ingest(entry, paths, None)
    nothing_lost(paths, "flaky", N_GOOD)
    path.write_bytes(jsonl(goods(n=5) + [alpaca(i, output=None) for i in range(5)]))
    with pytest.raises(IngestError, match=r"dataset 'flaky': 5 of 10 records rejected"):
        _ingest(entry, paths, None)
    assert not lake.has_partition(paths, SAMPLES.name, "flaky")
    assert sorted(lake.read_partition(paths, REJECTS_NORMALIZE.name, "flaky").column("record_index").to_pylist()) == [5, 6, 7, 8, 9]


def test_rerun_replaces_partitions_without_duplicates(paths, tmp_path, nothing_lost):
    path = tmp_path / "d.jsonl"
    path.write_bytes(jsonl(goods(n=30) + ["{broken"]))
    entry = DatasetEntry(id="shrinks", name="shrinks", domain="general", source={"path": str(path)})
    _ingest(entry, paths, None)
    nothing_lost(paths, "shrinks", 31)
    path.write_bytes(jsonl(goods(n=12)))
    _ingest(entry, paths, None)
    counts = nothing_lost(paths, "shrinks", 12)
    assert counts[REJECTS_READ.name] == 0
    assert sorted(lake.read_partition(paths, SAMPLES.name, "shrinks").column("record_index").to_pylist()) == list(range(12))


def test_catalog_yaml_with_env_path_and_max_records(paths, tmp_path, monkeypatch, nothing_lost):
    """The path a catalog declares goes through ${VAR} expansion; max_records caps what is read."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "part-1.jsonl").write_bytes(jsonl(goods(n=10)))
    (data / "part-2.jsonl").write_bytes(jsonl(goods(n=10, start=10) + ["not json at all"]))
    monkeypatch.setenv("CASE_DATA", str(data))
    catalog = tmp_path / "mine.yaml"
    catalog.write_text(yaml.safe_dump({"datasets": [
        {"id": "two_parts", "name": "Two parts", "domain": "general", "source": {"path": "${CASE_DATA}/part-*.jsonl"}},
        {"id": "two_parts_capped", "name": "Two parts, capped", "domain": "general", "max_records": 15,
         "source": {"path": "${CASE_DATA}/part-*.jsonl"}}]}))
    entries = {e.id: e for e in load_catalog(str(catalog)).datasets}
    _ingest(entries["two_parts"], paths, None)
    nothing_lost(paths, "two_parts", 21)
    rejects = _rejects_by_index(paths, "two_parts")
    assert list(rejects) == [20] and rejects[20]["reason_code"] == "malformed_json"
    assert rejects[20]["source_file"].endswith("part-2.jsonl")
    _ingest(entries["two_parts_capped"], paths, None)
    nothing_lost(paths, "two_parts_capped", 15)


# ---------------------------------------------------------------- catalog validation

GOOD_ENTRY = {"id": "fine_set", "name": "Fine", "domain": "math", "source": {"path": "{shared}/x.jsonl"}}

CATALOG_CASES = [
    # (case id, entries, substrings that the CatalogError must contain)
    ("bad_id", [GOOD_ENTRY, {**GOOD_ENTRY, "id": "Bad Id!"}], ("entry #1", "id 'Bad Id!'", "id:", "not a slug")),
    ("bad_domain", [{**GOOD_ENTRY, "domain": "cooking"}], ("entry #0", "id 'fine_set'", "domain:", "'cooking' is not a known domain")),
    ("bad_date", [{**GOOD_ENTRY, "release_date": "2024-13-45"}], ("entry #0", "id 'fine_set'", "release_date:")),
    ("duplicate_id", [GOOD_ENTRY, {**GOOD_ENTRY, "name": "Again"}], ("entry #1", "id 'fine_set'", "duplicate id", "entry #0")),
    ("two_sources", [{**GOOD_ENTRY, "source": {"path": "a.jsonl", "hub": {"id": "org/set"}}}],
     ("entry #0", "source", "exactly one of", "hub", "path")),
    ("no_source", [{k: v for k, v in GOOD_ENTRY.items() if k != "source"}], ("entry #0", "source:", "Field required")),
    ("unknown_format_name", [{**GOOD_ENTRY, "format": "yaml_chat"}], ("entry #0", "format:", "'yaml_chat' is not a known format")),
    ("unknown_field", [{**GOOD_ENTRY, "licence": "MIT"}], ("entry #0", "licence:", "Extra inputs")),
    ("reject_share_out_of_range", [{**GOOD_ENTRY, "max_reject_share": 1.5}], ("entry #0", "max_reject_share:", "between 0 and 1")),
    ("entry_not_a_mapping", [GOOD_ENTRY, "just a string"], ("entry #1", "expected a mapping")),
    ("missing_name", [{k: v for k, v in GOOD_ENTRY.items() if k != "name"}], ("entry #0", "name:", "Field required")),
]


@pytest.mark.parametrize("case_id, entries, expected", CATALOG_CASES, ids=[c[0] for c in CATALOG_CASES])
def test_bad_catalog_entry(case_id, entries, expected, tmp_path):
    path = tmp_path / f"{case_id}.yaml"
    path.write_text(yaml.safe_dump({"datasets": entries}))
    with pytest.raises(CatalogError) as info:
        parse_catalog(path)
    message = str(info.value)
    assert f"{case_id}.yaml" in message
    for part in expected:
        assert part in message, f"{part!r} not in: {message}"


def test_catalog_reports_every_bad_entry_at_once(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump({"datasets": [{**GOOD_ENTRY, "domain": "x"}, GOOD_ENTRY, {**GOOD_ENTRY, "id": "B"}]}))
    with pytest.raises(CatalogError, match="2 invalid catalog entries") as info:
        parse_catalog(path)
    assert "entry #0" in str(info.value) and "entry #2" in str(info.value) and "entry #1 " not in str(info.value)


@pytest.mark.parametrize("text, expected", [
    ("datasets: [\n  - id: x\n", "not valid YAML"),
    ("just_a_list:\n  - 1\n", "expected a mapping with a 'datasets' list"),
])
def test_catalog_file_level_errors(text, expected, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    with pytest.raises(CatalogError, match=expected) as info:
        parse_catalog(path)
    assert "broken.yaml" in str(info.value)


def test_missing_catalog_names_the_known_ones():
    with pytest.raises(CatalogError, match=r"does not exist \(known: .*local"):
        load_catalog("no_such_catalog")
