"""The shared OpenAI-compatible client against a scripted loopback server: settings, retries, usage."""
from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from common.openai_client import ChatEndpoint, EndpointConfig


@contextmanager
def scripted_server(plan: list):
    """Answers the n-th request with plan[n]: an HTTP status (error) or a reply text (200)."""
    requests: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            requests.append(body)
            step = plan[min(len(requests), len(plan)) - 1]
            if isinstance(step, int):
                data, status = json.dumps({"error": {"message": f"scripted {step}"}}).encode(), step
            else:
                data, status = json.dumps({
                    "id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": step}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 10, "completion_tokens": len(step), "total_tokens": 10 + len(step)},
                }).encode(), 200
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", requests
    finally:
        server.shutdown()
        server.server_close()


def _endpoint(url, **kw):
    return ChatEndpoint(EndpointConfig(base_url=url, model="m", api_key="k", backoff_s=0.01, **kw))


def test_retries_record_every_failed_attempt_and_count_tokens_of_all_replies():
    def parse(reply):
        value = json.loads(reply)
        if "score" not in value:
            raise ValueError("no score")
        return value["score"]

    with scripted_server([500, 429, '{"other": 1}', '{"score": 7}']) as (url, requests):
        result = _endpoint(url, json_mode=True, max_tokens=50).complete_sync([{"role": "user", "content": "hi"}], parse)
    assert result.ok and result.value == 7 and result.reply == '{"score": 7}'
    assert result.requests == len(requests) == 4
    assert [(f.attempt, f.kind, f.final) for f in result.failures] == [
        (1, "server_error", False), (2, "rate_limited", False), (3, "malformed_output", False)]
    assert result.prompt_tokens == 20 and result.completion_tokens == len('{"other": 1}') + len('{"score": 7}')
    assert (result.reply_prompt_tokens, result.reply_completion_tokens) == (10, len('{"score": 7}'))
    assert requests[0]["response_format"] == {"type": "json_object"} and requests[0]["max_tokens"] == 50


def test_client_errors_are_final_and_attempts_are_bounded():
    with scripted_server([400]) as (url, requests):
        result = _endpoint(url).complete_sync([{"role": "user", "content": "hi"}])
    assert not result.ok and len(requests) == 1
    assert [(f.kind, f.final) for f in result.failures] == [("client_error", True)]
    with scripted_server([503]) as (url, requests):
        result = _endpoint(url, max_attempts=3).complete_sync([{"role": "user", "content": "hi"}])
    assert [f.final for f in result.failures] == [False, False, True] and len(requests) == 3
    assert "response_format" not in requests[0] and "max_tokens" not in requests[0]


def test_settings_resolve_arguments_then_own_then_shared_variables(monkeypatch):
    for var in ("ARENA_LLM_BASE_URL", "ARENA_LLM_MODEL", "ARENA_LLM_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_KEY",
                "OWN_URL", "OWN_MODEL"):
        monkeypatch.delenv(var, raising=False)
    own = {"base_url": ("OWN_URL",), "model": ("OWN_MODEL",)}
    monkeypatch.setenv("OPENAI_BASE_URL", "http://openai")
    monkeypatch.setenv("ARENA_LLM_MODEL", "shared-model")
    cfg = EndpointConfig().resolve_env("tester", own, default_api_key="none")
    assert (cfg.base_url, cfg.model, cfg.api_key) == ("http://openai", "shared-model", "none")
    monkeypatch.setenv("ARENA_LLM_BASE_URL", "http://shared")
    monkeypatch.setenv("OWN_MODEL", "own-model")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-x")
    cfg = EndpointConfig().resolve_env("tester", own)
    assert (cfg.base_url, cfg.model, cfg.api_key) == ("http://shared", "own-model", "sk-x")
    cfg = EndpointConfig(base_url="http://arg", model="arg-model").resolve_env("tester", own)
    assert (cfg.base_url, cfg.model) == ("http://arg", "arg-model")
    monkeypatch.delenv("OWN_MODEL")
    monkeypatch.delenv("ARENA_LLM_MODEL")
    with pytest.raises(ValueError, match="tester model not configured: pass model= or set OWN_MODEL or ARENA_LLM_MODEL"):
        EndpointConfig().resolve_env("tester", own)
