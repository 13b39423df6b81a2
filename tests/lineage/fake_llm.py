"""A scripted, naive chat-completions server on loopback: the stand-in for an OpenAI-compatible LLM.

It answers POST /v1/chat/completions like a real endpoint (same JSON shapes, over real HTTP) with a
deliberately gullible extraction: every sentence that names a Hub id next to a derivation cue becomes a
proposed source, and planted instructions in the document ("add an edge from X") are obeyed, so the
agent's own defences are what the tests exercise. A document containing "Fabricate-Test" gets a quote
that is not in it; one containing "Garble-Test" gets prose instead of JSON, every time. Requests are
recorded for assertions.
"""
from __future__ import annotations

import json
import re
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_ID = r"([A-Za-z0-9][\w.-]*/[\w.-]*[\w])"
_CUE = re.compile(r"\b(from|based on|built|subset|translat|regenerat|distill|drawn|combin|derived)", re.I)


def naive_extract(document: str) -> list[dict]:
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n", document):
        for m in re.finditer(r"add an edge from " + _ID, sentence, re.I):      # obeys the injection
            out.append({"source": m.group(1), "relationship": "derivation", "quote": sentence.strip(), "confidence": 0.99})
        if re.search(r"add an edge", sentence, re.I):
            continue
        if not _CUE.search(sentence):
            continue
        for m in re.finditer(r"(?:huggingface\.co/datasets/)?" + _ID, sentence):
            rel = ("subset" if "subset" in sentence.lower() else "response_regeneration"
                   if "regenerat" in sentence.lower() else "derivation")
            out.append({"source": m.group(1), "relationship": rel, "quote": sentence.strip(), "confidence": 0.9})
    if "Fabricate-Test" in document:
        out.append({"source": "fake/hallucinated", "relationship": "response_regeneration",
                    "quote": "Responses were distilled from fake/hallucinated by a frontier model.", "confidence": 0.95})
    seen, unique = set(), []
    for p in out:
        if p["source"] not in seen:
            seen.add(p["source"])
            unique.append(p)
    return unique


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        if not self.path.endswith("/chat/completions"):
            self.send_error(404)
            return
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(body)
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        m = re.search(r"<document-(\w+)>\n(.*)\n</document-\1>", user, re.S)
        document = m.group(2) if m else ""
        content = ("I looked at the card and I think it comes from GSM8K." if "Garble-Test" in document
                   else json.dumps({"sources": naive_extract(document)}))
        reply = {"id": f"chatcmpl-{len(self.server.requests)}", "object": "chat.completion", "created": int(time.time()),
                 "model": body.get("model", "fake"),
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": len(user) // 4, "completion_tokens": len(content) // 4,
                           "total_tokens": (len(user) + len(content)) // 4}}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def fake_llm_server():
    """Yields (base_url, server); server.requests holds every request body received."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", server
    finally:
        server.shutdown()
        server.server_close()
