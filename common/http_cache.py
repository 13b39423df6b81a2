"""HTTP GET with an on-disk cache that keeps each answer's fetch date.

Readers of public web documentation (Hub cards, GitHub READMEs, arXiv abstracts, Hub licences) fetch
each URL once: the answer is stored as `<cache>/<sha256 of the request>.json` with the date it was
fetched, so a rerun, or a run without a network, reads the cache. Answers that will not change by
asking again (a body, or a 404/410) are reused; transient failures (5xx, timeouts, refused
connections) are kept for the record but fetched again next time.

A failure never raises: it comes back as a `Fetched` with `error` set ('HTTP 404', 'timed out',
'unreachable (...)'), so a caller can record it and go on. Bodies are read up to `max_bytes`; a longer
body is cut there and marked `truncated`, so a hostile or huge page costs a bounded amount of memory.
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

PERMANENT_STATUSES = {404, 410}


@dataclass
class Fetched:
    url: str
    fetched_at: str                 # ISO-8601 UTC, when the network was asked
    status: int | None = None       # HTTP status; None when no answer came
    text: str | None = None         # the body decoded as UTF-8 (None on failure)
    content_type: str = ""
    truncated: bool = False         # the body was longer than max_bytes and was cut
    error: str | None = None        # why there is no body
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and self.text is not None

    @property
    def error_kind(self) -> str:
        """A stable code for SQL: http_404, http_500, timeout, unreachable, ..."""
        if self.error is None:
            return ""
        if self.status is not None:
            return f"http_{self.status}"
        return "timeout" if "timed out" in self.error else "unreachable"

    def reusable(self) -> bool:
        return self.ok or self.status in PERMANENT_STATUSES


class CachedHttp:
    """GET with a cache folder. `headers` that change the answer (Accept) are part of the cache key;
    a request's `secret_headers` (Authorization) are sent with that request only, never stored."""

    def __init__(self, cache_dir: str | Path, timeout_s: float = 20.0, max_bytes: int = 1 << 20,
                 user_agent: str = "dataarena"):
        self.cache_dir = Path(cache_dir)
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        self.user_agent = user_agent

    def _path(self, url: str, headers: dict) -> Path:
        key = json.dumps([url, sorted(headers.items())], ensure_ascii=False)
        return self.cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"

    def cached(self, url: str, headers: dict | None = None) -> Fetched | None:
        path = self._path(url, headers or {})
        if not path.exists():
            return None
        try:
            return Fetched(**{**json.loads(path.read_text(encoding="utf-8")), "from_cache": True})
        except (json.JSONDecodeError, TypeError):
            return None

    def get(self, url: str, headers: dict | None = None, refresh: bool = False,
            secret_headers: dict | None = None) -> Fetched:
        headers = dict(headers or {})
        if not refresh:
            hit = self.cached(url, headers)
            if hit is not None and hit.reusable():
                return hit
        fetched = self.fetch(url, headers, secret_headers)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        path = self._path(url, headers)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")   # one per concurrent writer
        tmp.write_text(json.dumps({k: v for k, v in asdict(fetched).items() if k != "from_cache"}), encoding="utf-8")
        tmp.replace(path)
        return fetched

    def fetch(self, url: str, headers: dict | None = None, secret_headers: dict | None = None) -> Fetched:
        """One GET from the network, neither reading nor writing the cache."""
        headers = {**(headers or {}), **(secret_headers or {})}
        now = datetime.now(UTC).isoformat(timespec="seconds")
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, **headers})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                body = response.read(self.max_bytes + 1)
                ctype = response.headers.get("Content-Type", "")
                status = response.status
        except urllib.error.HTTPError as e:
            return Fetched(url, now, status=e.code, error=f"HTTP {e.code}")
        except (TimeoutError, socket.timeout):
            return Fetched(url, now, error=f"timed out after {self.timeout_s:g} s")
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                return Fetched(url, now, error=f"timed out after {self.timeout_s:g} s")
            return Fetched(url, now, error=f"unreachable ({reason})")
        except OSError as e:
            return Fetched(url, now, error=f"unreachable ({e})")
        truncated = len(body) > self.max_bytes
        return Fetched(url, now, status=status, text=body[: self.max_bytes].decode("utf-8", errors="replace"),
                       content_type=ctype, truncated=truncated)
