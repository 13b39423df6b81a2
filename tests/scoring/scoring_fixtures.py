"""Helpers for scoring tests: offline environment, small sample builders, the shared-data location."""
from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path

from warehouse.paths import shared_data_dir

ROOT = Path(__file__).resolve().parents[2]
SHARED = shared_data_dir()

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
# converted offline models are cached once per checkout, not once per test
os.environ.setdefault("ARENA_MODEL_CACHE", str(ROOT / ".arena" / "cache" / "models"))


def sample_row(q: str, a: str, i: int = 0, dataset: str = "t", messages=None, system=None) -> dict:
    return {"dataset_id": dataset, "sample_id": hashlib.sha256(f"{q}\x00{a}".encode()).hexdigest(),
            "record_index": i, "instruction_text": q, "response_text": a, "messages": messages,
            "system": system, "n_turns": None, "n_messages": None}


def zipf_text(n_words: int, vocab: int, seed: int) -> str:
    """Random words w0..w<vocab> with Zipf-like frequencies, reproducible from `seed`."""
    rnd = random.Random(seed)
    weights = [1 / (i + 1) for i in range(vocab)]
    return " ".join(f"w{i}" for i in rnd.choices(range(vocab), weights, k=n_words))


def alpaca_rows(path: Path, dataset: str, limit: int | None = None) -> list[dict]:
    """Alpaca-style JSON (instruction/input/output or question/answer) as sample rows, for tests."""
    records = json.loads(path.read_text())
    rows = []
    for i, r in enumerate(records[:limit]):
        q = r.get("instruction") or r.get("question") or ""
        if r.get("input"):
            q = f"{q}\n\n{r['input']}"
        rows.append(sample_row(q, r.get("output") or r.get("answer") or "", i, dataset))
    return rows
