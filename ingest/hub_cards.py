"""Dataset licences from Hugging Face Hub cards, fetched over HTTP and cached on disk.

Most catalog entries name a Hub repo but no licence; the Hub states one in the card's metadata
(`cardData.license`, also as a `license:<id>` tag) and serves it at `<endpoint>/api/datasets/<id>`.
Each answer is cached as `<cache>/<key>.json` with the fetch date, so a catalog is fetched once and
later runs (and offline runs) read the cache. A failure is recorded for that dataset and the rest
go on. The endpoint is `HF_ENDPOINT` (as huggingface_hub reads it), so a mirror or a test server can
stand in for the Hub.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

from common.http_cache import CachedHttp
from ingest.identity import dataset_key

DEFAULT_ENDPOINT = "https://huggingface.co"


@dataclass
class HubCard:
    hub_id: str
    license: str | None
    fetched_at: str
    error: str | None = None      # why no card could be read ('HTTP 404', 'timed out', ...)


def _license(info: dict) -> str | None:
    card = info.get("cardData") or {}
    value = card.get("license")
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v) or None
    if value:
        return str(value)
    tags = [t.split(":", 1)[1] for t in info.get("tags") or [] if isinstance(t, str) and t.startswith("license:")]
    return ", ".join(tags) or None


def fetch_card(hub_id: str, cache: Path, endpoint: str | None = None, timeout: float = 20.0,
               refresh: bool = False) -> HubCard:
    """The licence of one Hub dataset, from the cache when it holds a successful answer."""
    path = cache / f"{dataset_key(hub_id)}.json"
    if path.exists() and not refresh:
        cached = HubCard(**json.loads(path.read_text(encoding="utf-8")))
        if cached.error is None:
            return cached
    endpoint = (endpoint or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")
    url = f"{endpoint}/api/datasets/{quote(hub_id, safe='/')}"
    answer = CachedHttp(cache, timeout_s=timeout, max_bytes=4 << 20, user_agent="dataarena-hub-cards").fetch(url)
    if answer.error is not None:
        card = HubCard(hub_id, None, answer.fetched_at, answer.error)
    elif answer.truncated:
        card = HubCard(hub_id, None, answer.fetched_at, "not a JSON answer (over 4 MiB)")
    else:
        try:
            info = json.loads(answer.text)
            card = HubCard(hub_id, _license(info) if isinstance(info, dict) else None, answer.fetched_at)
        except json.JSONDecodeError:
            card = HubCard(hub_id, None, answer.fetched_at, "not a JSON answer")
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(card)), encoding="utf-8")
    return card


def cached_card(hub_id: str, cache: Path) -> HubCard | None:
    """The cached answer for a Hub dataset, without touching the network."""
    path = cache / f"{dataset_key(hub_id)}.json"
    return HubCard(**json.loads(path.read_text(encoding="utf-8"))) if path.exists() else None
