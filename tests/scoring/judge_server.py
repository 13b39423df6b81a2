"""A real chat-completions server on loopback for judge tests, with scripted failures.

It speaks the OpenAI chat-completions protocol over HTTP (stdlib `ThreadingHTTPServer`), reads the
sample out of the judge prompt, and fails each sample's early attempts according to a plan: 429 with
Retry-After, 500, 503, a response slower than the client's timeout, malformed JSON, out-of-range
scores. Every request is logged so tests can count requests and valid answers per sample.
"""
from __future__ import annotations

import json
import re
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ITEM = re.compile(r"item-(\d+)")
DATA = re.compile(r"<sample_data>\n(.*)\n</sample_data>", re.S)


def expected_scores(item: int, criteria: list[str]) -> dict[str, int]:
    return {c: 1 + (item + j) % 10 for j, c in enumerate(criteria)}


class JudgeServer:
    """plan(item, attempt) -> one of 'ok', '429', '500', '503', '400', 'slow', 'malformed', 'out_of_range'."""

    def __init__(self, criteria: list[str], plan, slow_s: float = 1.5):
        self.criteria = criteria
        self.plan = plan
        self.slow_s = slow_s
        self.lock = threading.Lock()
        self.requests: list[dict] = []
        self.attempts: dict[int, int] = defaultdict(int)
        self.valid_sent: dict[int, int] = defaultdict(int)
        self.tokens = {"prompt": 0, "completion": 0}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                user = body["messages"][-1]["content"]
                sample = json.loads(DATA.search(user).group(1))
                item = int(ITEM.search(json.dumps(sample)).group(1))
                with server.lock:
                    server.attempts[item] += 1
                    attempt = server.attempts[item]
                    server.requests.append({"item": item, "attempt": attempt, "body": body, "sample": sample})
                action = server.plan(item, attempt)
                try:
                    server._respond(self, body, item, action)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def _send(self, handler, status, payload, headers=None):
        raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json" if not isinstance(payload, bytes) else "text/html")
        handler.send_header("Content-Length", str(len(raw)))
        for k, v in (headers or {}).items():
            handler.send_header(k, v)
        handler.end_headers()
        handler.wfile.write(raw)

    def _respond(self, handler, body, item, action):
        if action == "429":
            return self._send(handler, 429, {"error": {"message": "rate limited", "type": "rate_limit"}},
                              {"Retry-After": "0.05"})
        if action == "500":
            return self._send(handler, 500, {"error": {"message": "boom", "type": "server_error"}})
        if action == "503":
            return self._send(handler, 503, b"<html>upstream unavailable</html>")
        if action == "400":
            return self._send(handler, 400, {"error": {"message": "bad request", "type": "invalid_request_error"}})
        if action == "slow":
            time.sleep(self.slow_s)
            return self._send(handler, 504, {"error": {"message": "too late", "type": "timeout"}})
        scores = expected_scores(item, self.criteria)
        if action == "malformed":
            content = "Sure! {\"clarity\": 7, oops"
        elif action == "out_of_range":
            content = json.dumps({**scores, self.criteria[0]: 11})
        else:
            content = "```json\n" + json.dumps(scores) + "\n```" if item % 2 else json.dumps(scores)
        prompt_tokens = len(json.dumps(body["messages"])) // 4
        completion_tokens = len(content) // 4
        with self.lock:
            self.tokens["prompt"] += prompt_tokens
            self.tokens["completion"] += completion_tokens
            if action == "ok":
                self.valid_sent[item] += 1
        return self._send(handler, 200, {
            "id": f"cmpl-{item}", "object": "chat.completion", "created": 0, "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens}})
