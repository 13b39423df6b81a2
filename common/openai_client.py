"""One client for OpenAI-compatible chat-completions endpoints (OpenAI, vLLM, llama.cpp server, Ollama).

Used by the LLM judge and the lineage agent, so both resolve their endpoint, time out, retry and count
tokens the same way:

- Settings come from arguments first, then from the caller's own environment variables (the judge's
  `ARENA_JUDGE_*`, the lineage agent's `ARENA_LINEAGE_LLM_*`), then from the variables every caller
  shares: `ARENA_LLM_BASE_URL`, `ARENA_LLM_MODEL`, `ARENA_LLM_API_KEY`, and the `openai` package's own
  `OPENAI_BASE_URL`, `OPENAI_API_KEY`. Local servers accept any key.
- The `openai` package's own retries are disabled so that every failed attempt is seen and recorded
  (`FailedAttempt`): 429 (honouring Retry-After), 408, 5xx, timeouts and connection errors are retried
  with exponential backoff and a deterministic jitter; a reply that the caller's `parse` rejects with a
  `ValueError` is retried too (its tokens still counted); other 4xx are final.
- JSON mode asks for `response_format: json_object` (OpenAI, vLLM, llama.cpp and Ollama accept it).
- Token usage is summed over every attempt, and kept separately for the accepted reply.

`openai` is imported on first request only, so importing this module costs nothing.
"""
from __future__ import annotations

import asyncio
import os
import zlib
from collections.abc import Callable
from contextlib import asynccontextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

RETRYABLE = {"rate_limited", "server_error", "timeout", "connection", "malformed_output"}
SHARED_ENV = {"base_url": ("ARENA_LLM_BASE_URL", "OPENAI_BASE_URL"),
              "model": ("ARENA_LLM_MODEL",),
              "api_key": ("ARENA_LLM_API_KEY", "OPENAI_API_KEY")}


@dataclass(frozen=True)
class EndpointConfig:
    """Where to send chat requests and how patiently. `max_attempts` counts the first request."""

    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    timeout_s: float = 120.0
    max_attempts: int = 6
    backoff_s: float = 1.0
    max_backoff_s: float = 60.0
    max_tokens: int | None = None
    temperature: float = 0.0
    json_mode: bool = False

    def resolve_env(self, role: str, env_names: dict[str, tuple[str, ...]] | None = None,
                 default_api_key: str = "unused") -> EndpointConfig:
        """Fill base_url, model and api_key from the environment; fail clearly when one is missing.

        `env_names` maps a field to the caller's own variables, read before the shared ones; `role`
        names the caller in error messages ("judge", "lineage agent")."""
        own = env_names or {}
        found = {}
        for name in ("model", "base_url", "api_key"):
            names = own.get(name, ()) + SHARED_ENV[name]
            value = getattr(self, name) or next((os.environ[n] for n in names if os.environ.get(n)), None)
            if value is None and name != "api_key":
                raise ValueError(f"{role} {'endpoint' if name == 'base_url' else 'model'} not configured: "
                                 f"pass {name}= or set {' or '.join(names)}"
                                 + (" (e.g. https://api.openai.com/v1 or http://127.0.0.1:8000/v1)"
                                    if name == "base_url" else ""))
            found[name] = value or default_api_key
        return replace(self, **found)


@dataclass
class FailedAttempt:
    attempt: int                 # 1-based
    kind: str                    # rate_limited, server_error, timeout, connection, malformed_output, client_error
    message: str
    final: bool                  # True: no attempt follows (the request was given up on)
    at: datetime


@dataclass
class ChatResult:
    """The outcome of one request with its retries; `value` is `parse(reply)` (None when not `ok`)."""

    ok: bool = False
    value: Any = None
    reply: str | None = None
    requests: int = 0
    prompt_tokens: int = 0                # over every attempt
    completion_tokens: int = 0
    reply_prompt_tokens: int = 0          # of the accepted reply alone
    reply_completion_tokens: int = 0
    failures: list[FailedAttempt] = field(default_factory=list)


class ChatRequestFailed(RuntimeError):
    def __init__(self, result: ChatResult):
        last = result.failures[-1] if result.failures else None
        detail = f"{last.kind}: {last.message}" if last else "no attempt made"
        super().__init__(f"chat request failed after {result.requests} attempt(s): {detail}")
        self.result = result


class ChatSession:
    """An open connection pool to one endpoint; make requests with `complete` from one event loop."""

    def __init__(self, config: EndpointConfig, client):
        self.config = config
        self._client = client

    async def complete(self, messages: list[dict], parse: Callable[[str | None], Any] | None = None, *,
                       limit: asyncio.Semaphore | None = None, jitter_key: str = "",
                       on_failure: Callable[[FailedAttempt], None] | None = None) -> ChatResult:
        """Send `messages` until a reply is accepted or the attempts run out.

        `parse` turns the reply text into the value and raises ValueError to reject it; `limit` is held
        during each request (not while backing off); `jitter_key` spreads the retries of different
        requests deterministically; `on_failure` sees every failed attempt as it happens."""
        import openai

        cfg = self.config
        kwargs: dict[str, Any] = {"model": cfg.model, "messages": messages, "temperature": cfg.temperature}
        if cfg.max_tokens is not None:
            kwargs["max_tokens"] = cfg.max_tokens
        if cfg.json_mode:
            kwargs["response_format"] = {"type": "json_object"}
        result = ChatResult()
        for attempt in range(1, cfg.max_attempts + 1):
            retry_after = None
            async with limit or nullcontext():
                result.requests += 1
                try:
                    resp = await self._client.chat.completions.create(**kwargs)
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
                    result.prompt_tokens += pt
                    result.completion_tokens += ct
                    reply = resp.choices[0].message.content if resp.choices else None
                    try:
                        value = parse(reply) if parse else reply
                    except ValueError as exc:
                        kind, msg = "malformed_output", str(exc)
                    else:
                        result.ok, result.value, result.reply = True, value, reply
                        result.reply_prompt_tokens, result.reply_completion_tokens = pt, ct
                        return result
            final = kind not in RETRYABLE or attempt == cfg.max_attempts
            failure = FailedAttempt(attempt, kind, msg, final, datetime.now(UTC))
            result.failures.append(failure)
            if on_failure:
                on_failure(failure)
            if final:
                return result
            await asyncio.sleep(backoff(cfg, attempt, jitter_key, retry_after))
        return result


class ChatEndpoint:
    """A resolved endpoint: open a `session()` for concurrent requests, or `complete_sync` one."""

    def __init__(self, config: EndpointConfig):
        if not (config.base_url and config.model):
            raise ValueError("ChatEndpoint needs a resolved config (EndpointConfig.resolve_env)")
        self.config = config

    @asynccontextmanager
    async def session(self):
        from openai import AsyncOpenAI

        client = AsyncOpenAI(base_url=self.config.base_url, api_key=self.config.api_key, max_retries=0,
                             timeout=self.config.timeout_s)
        try:
            yield ChatSession(self.config, client)
        finally:
            await client.close()

    def complete_sync(self, messages: list[dict], parse: Callable[[str | None], Any] | None = None,
                      jitter_key: str = "") -> ChatResult:
        """One request (with its retries) from synchronous code."""
        async def once():
            async with self.session() as chat:
                return await chat.complete(messages, parse, jitter_key=jitter_key)

        return run_sync(once())


def backoff(cfg: EndpointConfig, attempt: int, jitter_key: str, retry_after: float | None) -> float:
    """Seconds to wait before the next attempt: Retry-After when the server sent one, else exponential
    with a jitter derived from the request's key (spreads retries, stays reproducible)."""
    if retry_after is not None:
        return min(retry_after, cfg.max_backoff_s)
    base = cfg.backoff_s * 2 ** (attempt - 1)
    jitter = 1.0 + (zlib.crc32(f"{jitter_key}:{attempt}".encode()) % 1000) / 2000.0
    return min(base * jitter, cfg.max_backoff_s)


def _retry_after(exc) -> float | None:
    try:
        value = exc.response.headers.get("retry-after")
        return float(value) if value is not None else None
    except (AttributeError, ValueError):
        return None


def run_sync(coro):
    """Run a coroutine from sync code, also when an event loop is already running in this thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
