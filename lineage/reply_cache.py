"""The lineage agent's accepted model replies, on disk, keyed by model and prompt.

A rerun over the same documents with the same model sends the same messages (the agent's delimiter
nonce is derived from the document), so it finds every reply here and makes no request. Only replies
the agent could read are stored; a failed or unparsable one is asked again next time.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass
class CachedReply:
    reply: str
    prompt_tokens: int
    completion_tokens: int
    at: str


class ReplyCache:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    @staticmethod
    def key(model: str, messages: list[dict]) -> str:
        payload = json.dumps({"model": model, "messages": messages}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, model: str, messages: list[dict]) -> CachedReply | None:
        path = self._path(self.key(model, messages))
        try:
            return CachedReply(**json.loads(path.read_text(encoding="utf-8")))
        except (FileNotFoundError, json.JSONDecodeError, TypeError):
            return None

    def put(self, model: str, messages: list[dict], reply: str, prompt_tokens: int, completion_tokens: int) -> None:
        path = self._path(self.key(model, messages))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"reply": reply, "prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                                   "at": datetime.now(UTC).isoformat(timespec="seconds")}), encoding="utf-8")
        tmp.replace(path)
