"""The judge runner: bounded async concurrency, cache, and the judge's error and usage tables.

Requests go through the shared OpenAI-compatible client (`common.openai_client`), which retries and
records every failed attempt; here a reply counts only when it is valid JSON with integer 1-10 scores
(else it is retried as malformed output), each failed attempt becomes a `judge_errors` row, and each
distinct sample is judged at most once per run (duplicates share the judgement) and never again once
cached.

Configuration (arguments override environment): ARENA_JUDGE_BASE_URL, ARENA_JUDGE_MODEL,
ARENA_JUDGE_API_KEY, then the shared ARENA_LLM_* / OPENAI_BASE_URL / OPENAI_API_KEY (local servers
accept any key); ARENA_JUDGE_CONCURRENCY.
"""
from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field, replace
from pathlib import Path


from common.openai_client import ChatEndpoint, ChatSession, EndpointConfig, FailedAttempt, run_sync
from scoring.judge.cache import JudgeCache, cache_key
from scoring.judge.parse import parse_scores
from scoring.judge.prompt import judge_messages
from scoring.judge.rubrics import Rubric
from warehouse.paths import ArenaPaths


JUDGE_ENV = {"base_url": ("ARENA_JUDGE_BASE_URL",), "model": ("ARENA_JUDGE_MODEL",),
             "api_key": ("ARENA_JUDGE_API_KEY",)}


@dataclass(frozen=True)
class JudgeConfig(EndpointConfig):
    """The judge's endpoint settings (short replies in JSON mode) plus its concurrency and cache."""

    max_tokens: int | None = 200
    json_mode: bool = True
    concurrency: int = 8
    cache_path: str | None = None

    def resolved(self) -> JudgeConfig:
        env = os.environ
        cfg = self.resolve_env("judge", JUDGE_ENV)
        if env.get("ARENA_JUDGE_CONCURRENCY"):
            cfg = replace(cfg, concurrency=int(env["ARENA_JUDGE_CONCURRENCY"]))
        cfg = replace(cfg, cache_path=cfg.cache_path or str(ArenaPaths.from_env().cache / "judge" / "responses.sqlite"))
        if cfg.concurrency < 1:
            raise ValueError("judge concurrency must be >= 1")
        return cfg


@dataclass
class JudgeOutcome:
    scores: dict[str, dict[str, int]]                 # sample_id -> criterion -> 1..10
    errors: list[dict] = field(default_factory=list)
    usage: dict = field(default_factory=dict)


@dataclass
class _Item:
    sample_id: str
    dataset_id: str
    record_index: int
    messages: list[dict]


class JudgeRunner:
    def __init__(self, config: JudgeConfig, rubric: Rubric):
        self.cfg = config.resolved()
        self.rubric = rubric
        self.cache = JudgeCache(Path(self.cfg.cache_path))

    def judge(self, items: list[_Item]) -> JudgeOutcome:
        unique: dict[str, _Item] = {}
        for it in items:
            unique.setdefault(it.sample_id, it)
        keys = {sid: cache_key(self.cfg.model, self.rubric.version, sid) for sid in unique}
        cached = self.cache.get_many(list(keys.values()))
        scores = {sid: cached[k] for sid, k in keys.items() if k in cached}
        todo = [it for sid, it in unique.items() if sid not in scores]
        usage = {"samples": len(unique), "cache_hits": len(scores), "requests": 0, "judged": 0, "failed": 0,
                 "prompt_tokens": 0, "completion_tokens": 0}
        errors: list[dict] = []
        if todo:
            run_sync(self._judge_all(todo, keys, scores, errors, usage))
        return JudgeOutcome(scores, errors, usage)

    async def _judge_all(self, todo, keys, scores, errors, usage):
        sem = asyncio.Semaphore(self.cfg.concurrency)
        async with ChatEndpoint(self.cfg).session() as chat:
            await asyncio.gather(*(self._judge_one(chat, sem, it, keys[it.sample_id], scores, errors, usage)
                                   for it in todo))

    async def _judge_one(self, chat: ChatSession, sem, item: _Item, key, scores, errors, usage):
        def record(failure: FailedAttempt) -> None:
            errors.append({"dataset_id": item.dataset_id, "sample_id": item.sample_id,
                           "record_index": item.record_index, "judge_model": self.cfg.model,
                           "rubric_version": self.rubric.version, "attempt": failure.attempt,
                           "error_kind": failure.kind, "message": failure.message[:2000], "final": failure.final,
                           "at": failure.at})

        result = await chat.complete(judge_messages(self.rubric, item.messages),
                                     lambda reply: parse_scores(reply, self.rubric.dimensions),
                                     limit=sem, jitter_key=item.sample_id, on_failure=record)
        usage["requests"] += result.requests
        usage["prompt_tokens"] += result.prompt_tokens
        usage["completion_tokens"] += result.completion_tokens
        if not result.ok:
            usage["failed"] += 1
            return
        self.cache.put(key, self.cfg.model, self.rubric.version, item.sample_id, result.value, result.reply or "",
                       result.reply_prompt_tokens, result.reply_completion_tokens)
        scores[item.sample_id] = result.value
        usage["judged"] += 1
