"""The real datasets of ../shared/data as arena samples, through main's ingest (catalog `local`).

The `local` catalog lists most files; the rest of the folder's benchmarks (Qwen2.5-Math's evaluation
sets, extra splits and copies) are added here as catalog entries so that lineage tests and benches run
over *all* of the shared data. Ingest output is cached under `.arena/cache/lineage_shared` (ignored by
git) and reused while the catalog entries and the ingest code are unchanged.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow as pa

from ingest.catalog import DatasetEntry, load_catalog
from ingest.pipeline import normalize_dataset, read_dataset
from lineage.overlap import DatasetMeta
from warehouse.lake import has_partition, read_partition
from warehouse.paths import ArenaPaths

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".arena" / "cache" / "lineage_shared"

_QWEN = [("aime24", "2024-02-01"), ("amc23", "2023-11-08"), ("aqua", "2017-05-01"), ("asdiv", "2020-07-01"),
         ("carp_en", "2023-05-01"), ("college_math", "2024-03-01"), ("gaokao2023en", "2023-06-08"),
         ("gsm8k", "2021-10-27"), ("mawps", "2016-06-12"), ("minerva_math", "2022-06-29"),
         ("mmlu_stem", "2020-09-07"), ("olympiadbench", "2024-02-21"), ("sat_math", "2023-01-01"),
         ("svamp", "2021-03-01")]

# field names of the sets whose format is not detected
_COLUMNS = {
    "aqua": {"instruction": "question", "response": "rationale"},
    "asdiv": {"instruction": "body", "input": "question", "response": "answer"},
    "carp_en": {"instruction": "content", "response": "steps"},
    "mawps": {"instruction": "input", "response": "target"},
    "svamp": {"instruction": "Body", "input": "Question", "response": "Answer"},
    "mmlu_stem": {"instruction": "question", "response": "answer"},
    "olympiadbench": {"instruction": "question"},
}

EXTRA = [
    {"id": f"qwen_{name}", "name": f"{name} (Qwen2.5-Math eval copy)", "domain": "math", "role": "benchmark",
     "release_date": date, "source": {"path": f"{{shared}}/qwen25math_eval/{name}/test.jsonl"},
     **({"format": "columns", "columns": _COLUMNS[name]} if name in _COLUMNS else {})}
    for name, date in _QWEN
] + [
    {"id": "gsm8k_test_socratic", "name": "GSM8K test (socratic)", "domain": "math", "role": "benchmark",
     "release_date": "2021-10-27", "source": {"path": "{shared}/gsm8k/test_socratic.jsonl"}},
    {"id": "gsm8k_test_sdft", "name": "GSM8K test (SDFT copy)", "domain": "math", "role": "benchmark",
     "release_date": "2024-02-21", "source": {"path": "{shared}/sdft/gsm8k/gsm8k_test.json"}},
    {"id": "multiarith_sdft", "name": "MultiArith (SDFT)", "domain": "math", "role": "benchmark",
     "release_date": "2024-02-21", "source": {"path": "{shared}/sdft/multiarith_test.json"}},
    {"id": "openfunction_test", "name": "OpenFunctions test (SDFT)", "domain": "tool_use", "role": "benchmark",
     "release_date": "2024-02-21", "source": {"path": "{shared}/sdft/openfunction/openfunction_test.json"}},
    {"id": "humaneval_python", "name": "HumanEval (DeepSeek-Coder python copy)", "domain": "code", "role": "benchmark",
     "release_date": "2023-11-02", "source": {"path": "{shared}/humaneval_multilingual/humaneval-python.jsonl"}},
    {"id": "arc_challenge_train", "name": "ARC-Challenge train", "domain": "science", "role": "train",
     "release_date": "2018-03-14", "source": {"path": "{shared}/arc_challenge/train.jsonl"}},
    {"id": "arc_easy_train", "name": "ARC-Easy train", "domain": "science", "role": "train",
     "release_date": "2018-03-14", "source": {"path": "{shared}/arc_easy/train.jsonl"}},
    {"id": "arc_challenge_dev", "name": "ARC-Challenge dev", "domain": "science", "role": "benchmark",
     "release_date": "2018-03-14", "source": {"path": "{shared}/arc_challenge/dev.jsonl"}},
]


def entries() -> list[DatasetEntry]:
    local = list(load_catalog("local").datasets)
    have = {e.id for e in local}
    return local + [DatasetEntry(**e) for e in EXTRA if e["id"] not in have]


def _ingest_code() -> str:
    """Fingerprint of the ingest code: a change there (e.g. how sample ids are made) re-ingests."""
    h = hashlib.sha1()
    for f in sorted((ROOT / "ingest").glob("*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def _key(entry: DatasetEntry) -> str:
    return hashlib.sha1((entry.model_dump_json() + _ingest_code()).encode()).hexdigest()[:12]


def ingest_all(paths: ArenaPaths | None = None) -> tuple[ArenaPaths, list[DatasetEntry]]:
    """Ingest every entry once (skipping those already in the cache with the same definition)."""
    paths = paths or ArenaPaths(CACHE)
    marks = paths.home / "ingested.json"
    done = json.loads(marks.read_text()) if marks.exists() else {}
    todo = entries()
    for e in todo:
        if done.get(e.id) == _key(e) and has_partition(paths, "samples", e.id):
            continue
        read_dataset(e, paths, progress=False)
        normalize_dataset(e, paths, progress=False)
        done[e.id] = _key(e)
        marks.parent.mkdir(parents=True, exist_ok=True)
        marks.write_text(json.dumps(done, indent=1))
    return paths, todo


COLUMNS = ["dataset_id", "sample_id", "instruction_text", "response_text"]


def samples(ids: list[str] | None = None, role: str | None = None) -> pa.Table:
    paths, ents = ingest_all()
    chosen = [e for e in ents if (ids is None or e.id in ids) and (role is None or e.role == role
                                                                  or (role == "train" and e.role == "seed"))]
    return pa.concat_tables([read_partition(paths, "samples", e.id, columns=COLUMNS) for e in chosen])


def meta() -> list[DatasetMeta]:
    return [DatasetMeta(e.id, e.role, e.release_date) for e in entries()]


def rows(dataset_id: str) -> list[dict]:
    return samples([dataset_id]).to_pylist()
