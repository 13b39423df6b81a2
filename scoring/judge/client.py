"""The judge runner: bounded async concurrency, retries with backoff, cache, error and usage records.

Works with any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp server, Ollama)
through the `openai` client. The client's own retries are disabled so that every failed attempt is
seen and recorded here: 429 (honouring Retry-After), 5xx, timeouts and connection errors are retried
with exponential backoff; a reply that is not valid JSON with integer 1-10 scores is retried too (and
its tokens still counted); other 4xx are final. Each distinct sample is judged at most once per run
(duplicates share the judgement) and never again once cached.

Configuration (arguments override environment): ARENA_JUDGE_BASE_URL (or OPENAI_BASE_URL),
ARENA_JUDGE_MODEL, ARENA_JUDGE_API_KEY (or OPENAI_API_KEY; local servers accept any key),
ARENA_JUDGE_CONCURRENCY.
"""
from __future__ import annotations

import asyncio
import os

import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path


from scoring.judge.cache import JudgeCache, cache_key
from scoring.judge.parse import JudgeOutputError, parse_scores
from scoring.judge.prompt import judge_messages
from scoring.judge.rubrics import Rubric
from warehouse.paths import ArenaPaths


RETRYABLE = {"rate_limited", "server_error", "timeout", "connection", "malformed_output"}


@dataclass
class JudgeConfig:
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    concurrency: int = 8
    max_attempts: int = 6
    timeout_s: float = 120.0
    backoff_s: float = 1.0
    max_backoff_s: float = 60.0
    max_tokens: int = 200
    json_mode: bool = True            # ask for response_format json_object (OpenAI, vLLM, llama.cpp, Ollama accept it)
    cache_path: str | None = None

    def resolved(self) -> "JudgeConfig":
        env = os.environ
        cfg = JudgeConfig(**{**self.__dict__})
        cfg.base_url = cfg.base_url or env.get("ARENA_JUDGE_BASE_URL") or env.get("OPENAI_BASE_URL")
        cfg.model = cfg.model or env.get("ARENA_JUDGE_MODEL")
        cfg.api_key = cfg.api_key or env.get("ARENA_JUDGE_API_KEY") or env.get("OPENAI_API_KEY") or "unused"
        if env.get("ARENA_JUDGE_CONCURRENCY"):
            cfg.concurrency = int(env["ARENA_JUDGE_CONCURRENCY"])
        cfg.cache_path = cfg.cache_path or str(ArenaPaths.from_env().cache / "judge" / "responses.sqlite")
        if not cfg.model:
            raise ValueError("judge model not configured: pass model= or set ARENA_JUDGE_MODEL")
        if not cfg.base_url:
            raise ValueError("judge endpoint not configured: pass base_url= or set ARENA_JUDGE_BASE_URL "
                             "(e.g. https://api.openai.com/v1 or http://127.0.0.1:8000/v1)")
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
            _run(self._judge_all(todo, keys, scores, errors, usage))
        return JudgeOutcome(scores, errors, usage)

    async def _judge_all(self, todo, keys, scores, errors, usage):
        from openai import AsyncOpenAI

        client = AsyncOpenAI(base_url=self.cfg.base_url, api_key=self.cfg.api_key, max_retries=0,
                             timeout=self.cfg.timeout_s)
        sem = asyncio.Semaphore(self.cfg.concurrency)
        try:
            await asyncio.gather(*(self._judge_one(client, sem, it, keys[it.sample_id], scores, errors, usage)
                                   for it in todo))
        finally:
            await client.close()

    async def _judge_one(self, client, sem, item: _Item, key, scores, errors, usage):
        import openai

        messages = judge_messages(self.rubric, item.messages)
        kwargs = {"model": self.cfg.model, "messages": messages, "temperature": 0.0,
                  "max_tokens": self.cfg.max_tokens}
        if self.cfg.json_mode:
            kwargs["response_format"] = {"type": "json_object"}
        for attempt in range(1, self.cfg.max_attempts + 1):
            retry_after = None
            async with sem:
                usage["requests"] += 1
                try:
                    resp = await client.chat.completions.create(**kwargs)
                except openai.RateLimitError as exc:
                    kind, msg = "rate_limited", str(exc)
                    retry_after = _retry_after(exc)
                except openai.APITimeoutError as exc:
                    kind, msg = "timeout", str(exc)
                except openai.APIConnectionError as exc:
                    kind, msg = "connection", str(exc)
                except openai.APIStatusError as exc:
                    kind = "server_error" if exc.status_code >= 500 or exc.status_code == 408 else "client_error"
                    msg = f"HTTP {exc.status_code}: {exc}"
                else:
                    pt = getattr(resp.usage, "prompt_tokens", 0) or 0
                    ct = getattr(resp.usage, "completion_tokens", 0) or 0
                    usage["prompt_tokens"] += pt
                    usage["completion_tokens"] += ct
                    reply = resp.choices[0].message.content if resp.choices else None
                    try:
                        parsed = parse_scores(reply, self.rubric.dimensions)
                    except JudgeOutputError as exc:
                        kind, msg = "malformed_output", str(exc)
                    else:
                        self.cache.put(key, self.cfg.model, self.rubric.version, item.sample_id, parsed,
                                       reply or "", pt, ct)
                        scores[item.sample_id] = parsed
                        usage["judged"] += 1
                        return
            final = kind not in RETRYABLE or attempt == self.cfg.max_attempts
            errors.append({"dataset_id": item.dataset_id, "sample_id": item.sample_id,
                           "record_index": item.record_index, "judge_model": self.cfg.model,
                           "rubric_version": self.rubric.version, "attempt": attempt, "error_kind": kind,
                           "message": msg[:2000], "final": final, "at": datetime.now(timezone.utc)})
            if final:
                usage["failed"] += 1
                return
            await asyncio.sleep(self._backoff(attempt, item.sample_id, retry_after))

    def _backoff(self, attempt: int, sample_id: str, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.cfg.max_backoff_s)
        base = self.cfg.backoff_s * 2 ** (attempt - 1)
        jitter = 1.0 + (zlib.crc32(f"{sample_id}:{attempt}".encode()) % 1000) / 2000.0   # spreads retries, deterministic
        return min(base * jitter, self.cfg.max_backoff_s)


def _retry_after(exc) -> float | None:
    try:
        value = exc.response.headers.get("retry-after")
        return float(value) if value is not None else None
    except (AttributeError, ValueError):
        return None


def _run(coro):
    """Run a coroutine from sync code, also when an event loop is already running in this thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


