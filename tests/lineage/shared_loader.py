"""A small reader of ../shared/data into SAMPLE_SCHEMA-like rows, for lineage tests and benches only.

It exists until main's ingest lands (then `normalized_samples` replaces it). It picks the question and
answer fields of each upstream format; dates are the public release months of the upstream sets, used
to orient content-overlap edges.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from lineage_testdata import SHARED


@dataclass(frozen=True)
class SharedSet:
    id: str
    files: tuple[str, ...]
    role: str            # train | benchmark | seed
    domain: str
    release_date: str | None


SETS: list[SharedSet] = [
    # training sets
    SharedSet("sdft_alpaca_train", ("sdft/alpaca/alpaca_train.json",), "train", "general", "2023-03"),
    SharedSet("sdft_distilled_alpaca", ("sdft/alpaca/distilled_alpaca.json",), "train", "general", "2024-02"),
    SharedSet("sdft_dolly_train", ("sdft/dolly/dolly_train.json",), "train", "general", "2023-04"),
    SharedSet("sdft_lima_train", ("sdft/lima/lima_train.json",), "train", "general", "2023-05"),
    SharedSet("sdft_gsm8k_train", ("sdft/gsm8k/gsm8k_train.json",), "train", "math", "2024-02"),
    SharedSet("sdft_openfunction_train", ("sdft/openfunction/openfunction_train.json",), "train", "tool", "2024-02"),
    SharedSet("sdft_distilled_openfunction", ("sdft/openfunction/distilled_openfunction.json",), "train", "tool", "2024-02"),
    SharedSet("codealpaca_2k", ("codealpaca/code_alpaca_2k.json",), "train", "code", "2023-03"),
    SharedSet("new_codealpaca", ("codealpaca/new_codealpaca.json",), "train", "code", "2023-04"),
    SharedSet("codealpaca_seed_tasks", ("codealpaca/seed_tasks.jsonl",), "seed", "code", "2023-03"),
    SharedSet("gsm8k_train", ("gsm8k/train.jsonl",), "train", "math", "2021-10"),
    SharedSet("arc_challenge_train", ("arc_challenge/train.jsonl",), "train", "science", "2018-03"),
    SharedSet("arc_easy_train", ("arc_easy/train.jsonl",), "train", "science", "2018-03"),
    SharedSet("lf_alpaca_en_demo", ("llamafactory_demos/alpaca_en_demo.json",), "train", "general", "2024-03"),
    SharedSet("lf_identity", ("llamafactory_demos/identity.json",), "train", "general", "2024-03"),
    SharedSet("lf_glaive_toolcall_demo", ("llamafactory_demos/glaive_toolcall_en_demo.json",), "train", "tool", "2024-03"),
    SharedSet("lf_v1_sft_demo", ("llamafactory_demos/v1_sft_demo.jsonl",), "train", "general", "2025-01"),
    SharedSet("lf_dpo_en_demo", ("llamafactory_demos/dpo_en_demo.json",), "train", "general", "2024-03"),
    SharedSet("sharegpt_dummy", ("sharegpt_dummy_conversation/dummy_conversation.json",), "train", "general", "2023-03"),
    SharedSet("alpaca_seed_tasks", ("alpaca_seed_tasks/seed_tasks.jsonl",), "seed", "general", "2023-03"),
    SharedSet("self_instruct_seed_tasks", ("self_instruct_seed_tasks/seed_tasks.jsonl",), "seed", "general", "2022-12"),
    # benchmarks
    SharedSet("gsm8k_test", ("gsm8k/test.jsonl",), "benchmark", "math", "2021-10"),
    SharedSet("gsm8k_test_socratic", ("gsm8k/test_socratic.jsonl",), "benchmark", "math", "2021-10"),
    SharedSet("sdft_gsm8k_test", ("sdft/gsm8k/gsm8k_test.json",), "benchmark", "math", "2024-02"),
    SharedSet("gsm_hard", ("gsm_hard/test.json",), "benchmark", "math", "2022-11"),
    SharedSet("math500", ("math500/test.jsonl",), "benchmark", "math", "2023-05"),
    SharedSet("math_test", ("math_test_deepseek/test.json",), "benchmark", "math", "2021-03"),
    SharedSet("humaneval", ("humaneval/HumanEval.jsonl.gz",), "benchmark", "code", "2021-07"),
    SharedSet("humaneval_python", ("humaneval_multilingual/humaneval-python.jsonl",), "benchmark", "code", "2022-08"),
    SharedSet("mbpp", ("mbpp/mbpp.jsonl",), "benchmark", "code", "2021-08"),
    SharedSet("mbpp_test", ("mbpp/mbpp_test.jsonl",), "benchmark", "code", "2021-08"),
    SharedSet("mbppplus", ("mbppplus_wizardcoder/mbppplus.json",), "benchmark", "code", "2023-05"),
    SharedSet("mmlu_test", ("mmlu/test",), "benchmark", "knowledge", "2020-09"),
    SharedSet("mmlu_val", ("mmlu/val",), "benchmark", "knowledge", "2020-09"),
    SharedSet("mmlu_dev", ("mmlu/dev",), "benchmark", "knowledge", "2020-09"),
    SharedSet("arc_challenge_test", ("arc_challenge/test.jsonl",), "benchmark", "science", "2018-03"),
    SharedSet("arc_challenge_dev", ("arc_challenge/dev.jsonl",), "benchmark", "science", "2018-03"),
    SharedSet("arc_easy_test", ("arc_easy/test.jsonl",), "benchmark", "science", "2018-03"),
    SharedSet("mt_bench", ("mt_bench/question.jsonl",), "benchmark", "general", "2023-06"),
    SharedSet("vicuna_bench", ("vicuna_bench/question.jsonl",), "benchmark", "general", "2023-03"),
    SharedSet("wizardlm_testset", ("wizardlm_testset/WizardLM_testset.jsonl",), "benchmark", "general", "2023-04"),
    SharedSet("truthfulqa", ("truthfulqa/TruthfulQA.csv",), "benchmark", "truthfulness", "2025-01"),
    SharedSet("truthfulqa_817", ("truthfulqa_817/TruthfulQA.csv",), "benchmark", "truthfulness", "2021-09"),
    SharedSet("alpaca_eval", ("sdft/alpaca_eval.json",), "benchmark", "general", "2023-05"),
    SharedSet("sdft_multiarith", ("sdft/multiarith_test.json",), "benchmark", "math", "2024-02"),
    SharedSet("sdft_openfunction_test", ("sdft/openfunction/openfunction_test.json",), "benchmark", "tool", "2024-02"),
    SharedSet("self_instruct_user_eval", ("self_instruct_user_oriented_eval/user_oriented_instructions.jsonl",), "benchmark", "general", "2022-12"),
] + [
    SharedSet(f"qwen_{name}", (f"qwen25math_eval/{name}/{fname}",), "benchmark", "math", "2024-09")
    for name, fname in [("aime24", "test.jsonl"), ("amc23", "test.jsonl"), ("aqua", "test.jsonl"),
                        ("asdiv", "test.jsonl"), ("carp_en", "test.jsonl"), ("college_math", "test.jsonl"),
                        ("gaokao2023en", "test.jsonl"), ("gsm8k", "test.jsonl"), ("mawps", "test.jsonl"),
                        ("minerva_math", "test.jsonl"), ("mmlu_stem", "test.jsonl"), ("olympiadbench", "test.jsonl"),
                        ("sat_math", "test.jsonl"), ("svamp", "test.jsonl")]
]

_Q_KEYS = ("instruction", "Instruction", "question", "Question", "problem", "prompt", "input", "text", "content", "turns")
_A_KEYS = ("output", "answer", "answerKey", "Answer", "solution", "canonical_solution", "code", "rationale", "Best Answer", "target", "steps")


def _records(path: Path):
    if path.is_dir():
        for f in sorted(path.glob("*.csv")):
            for row in csv.reader(open(f, encoding="utf-8")):
                yield {"question": row[0] + "\n" + "\n".join(f"{l}. {c}" for l, c in zip("ABCD", row[1:5])),
                       "answer": row[5]}
        return
    if path.suffix == ".gz":
        for line in gzip.open(path, "rt", encoding="utf-8"):
            if line.strip():
                yield json.loads(line)
        return
    if path.suffix == ".csv":
        yield from csv.DictReader(open(path, encoding="utf-8"))
        return
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl" or text.lstrip().startswith("{") and "\n{" in text:
        for line in text.splitlines():
            if line.strip():
                yield json.loads(line)
        return
    data = json.loads(text)
    if isinstance(data, dict):
        data = [{"prompt": v, "task_id": k} for k, v in data.items()]
    yield from data


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value)
    if isinstance(value, dict):
        if "stem" in value:
            return value["stem"] + "\n" + "\n".join(f"{c['label']}. {c['text']}" for c in value.get("choices", []))
        if "value" in value or "text" in value:
            return str(value.get("value") or value.get("text") or "")
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _qa(rec: dict) -> tuple[str, str]:
    for conv_key in ("conversations", "messages"):
        if isinstance(rec.get(conv_key), list):
            q, a = [], []
            for m in rec[conv_key]:
                role = m.get("from") or m.get("role")
                content = _text(m.get("value") or m.get("content") or "")
                (q if role in ("human", "user", "system", "function_call", "observation") else a).append(content)
            if "chosen" in rec:
                a.append(_text(rec["chosen"].get("value") if isinstance(rec["chosen"], dict) else rec["chosen"]))
            return "\n".join(q), "\n".join(a)
    if "instances" in rec:  # seed tasks
        inst = rec["instances"][0] if rec["instances"] else {}
        return f"{rec['instruction']}\n{inst.get('input', '')}".strip(), inst.get("output", "")
    q = ""
    if "Body" in rec or "body" in rec:
        q = f"{rec.get('Body') or rec.get('body')} {rec.get('Question') or rec.get('question')}"
    else:
        for k in _Q_KEYS:
            if rec.get(k):
                q = _text(rec[k])
                break
    if rec.get("instruction") and rec.get("input"):
        q = f"{rec['instruction']}\n{rec['input']}"
    if rec.get("options"):
        q += "\n" + _text(rec["options"])
    if rec.get("choices") and isinstance(rec["choices"], list) and all(isinstance(c, str) for c in rec["choices"]):
        q += "\n" + "\n".join(rec["choices"])
    a = ""
    for k in _A_KEYS:
        if k in rec and rec[k] not in (None, "") and k != next((kk for kk in _Q_KEYS if rec.get(kk)), None):
            a = _text(rec[k])
            break
    return q, a


def load_set(s: SharedSet, limit: int | None = None) -> list[dict]:
    rows = []
    for f in s.files:
        for rec in _records(SHARED / f):
            q, a = _qa(rec)
            sid = hashlib.sha1(f"{q}\x1f{a}".encode()).hexdigest()[:16]
            rows.append({"dataset_id": s.id, "sample_id": sid, "instruction_text": q, "response_text": a,
                         "messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}],
                         "extra": None})
            if limit and len(rows) >= limit:
                return rows
    return rows


def load_all(role: str | None = None) -> dict[str, list[dict]]:
    return {s.id: load_set(s) for s in SETS if role is None or s.role == role or (role == "train" and s.role == "seed")}


def metadata() -> list[dict]:
    return [{"id": s.id, "role": s.role, "domain": s.domain, "release_date": s.release_date} for s in SETS]


def as_table(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist([{k: r[k] for k in ("dataset_id", "sample_id", "instruction_text", "response_text")}
                                 for r in rows])
