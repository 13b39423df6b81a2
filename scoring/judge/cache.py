"""Judge response cache: one SQLite row per (judge model, rubric version, sample) that was scored.

The key is content-addressed (sample_id is the hash of the conversation), so a rerun, a resumed run
after a crash, or the same conversation in another dataset never pays for a judgement twice. Rows are
written the moment a reply validates, so an interrupted run loses nothing already paid for. Only valid
judgements are cached: failures are retried on the next run.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path


def cache_key(model: str, rubric_version: str, sample_id: str) -> str:
    return hashlib.sha256(f"{model}\x00{rubric_version}\x00{sample_id}".encode()).hexdigest()


class JudgeCache:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), timeout=60, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, model TEXT, rubric_version TEXT, "
            "sample_id TEXT, scores TEXT, reply TEXT, prompt_tokens INTEGER, completion_tokens INTEGER, "
            "created_at REAL)")

    def get_many(self, keys: list[str]) -> dict[str, dict[str, int]]:
        out = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for key, scores in self._db.execute(f"SELECT key, scores FROM responses WHERE key IN ({marks})", chunk):
                out[key] = json.loads(scores)
        return out

    def put(self, key: str, model: str, rubric_version: str, sample_id: str, scores: dict, reply: str,
            prompt_tokens: int, completion_tokens: int) -> None:
        self._db.execute("INSERT OR REPLACE INTO responses VALUES (?,?,?,?,?,?,?,?,?)",
                         (key, model, rubric_version, sample_id, json.dumps(scores), reply, prompt_tokens,
                          completion_tokens, time.time()))

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0]

    def close(self) -> None:
        self._db.close()
