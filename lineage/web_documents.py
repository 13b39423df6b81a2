"""A dataset's documentation on the web: its Hub card, the GitHub READMEs and arXiv abstracts it links.

The lineage agent reads these documents to propose upstream datasets; each document keeps its own URL
and origin so an edge's quote is verified against, and cited from, the document it came from.

- Hub: `GET {hub}/api/datasets/{id}` (does it exist, which papers its `arxiv:` tags name), then the
  card itself, `GET {hub}/datasets/{id}/raw/main/README.md`.
- GitHub: `GET {api}/repos/{owner}/{repo}/readme`, which answers JSON with the README base64-encoded
  (or the raw file, when a server answers with it).
- arXiv: the export API, `GET {api}/api/query?id_list={id}`, an Atom feed whose entry holds the title
  and abstract (an unknown id gives no entry, or an entry titled "Error").

Base URLs come from arguments, else the environment (`HF_ENDPOINT` as huggingface_hub reads it,
`ARENA_GITHUB_API_URL`, `ARENA_ARXIV_API_URL`), else the public services, so tests point them at
loopback servers. Every answer goes through `common.http_cache` (cached on disk with its fetch date);
every failure comes back as a `FetchFailure` for the caller to record. Pages are untrusted: HTML is
reduced to its text, and a page is cut at `max_chars`.
"""
from __future__ import annotations

import base64
import binascii
import html
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import quote

from common.http_cache import CachedHttp, Fetched
from lineage.cards import Card, hub_url

HUB_URL = "https://huggingface.co"
GITHUB_API_URL = "https://api.github.com"
ARXIV_API_URL = "https://export.arxiv.org"
ATOM = "{http://www.w3.org/2005/Atom}"

_GITHUB_REPO = re.compile(r"(?<![\w.-])(?:www\.)?github\.com/([A-Za-z0-9][\w.-]*)/([\w.-]+)", re.I)
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})(?:v\d+)?", re.I)
_NOT_REPOS = {"orgs", "features", "topics", "sponsors", "about", "settings", "marketplace", "login"}


@dataclass
class FetchFailure:
    """A document that could not be read for a dataset (recorded per dataset; the run goes on)."""
    dataset_id: str
    source: str          # hub | github | arxiv
    url: str
    kind: str            # http_404, http_500, timeout, unreachable, not_json, not_atom, no_entry, empty
    message: str
    at: str


@dataclass
class DocumentSet:
    documents: list[Card] = field(default_factory=list)
    failures: list[FetchFailure] = field(default_factory=list)


def html_to_text(page: str) -> str:
    """The visible text of an HTML page: scripts, styles and comments dropped, tags removed,
    entities decoded. Quotes are verified against this text, the text the model was shown."""
    page = re.sub(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>", " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    page = re.sub(r"(?i)<br\s*/?>|</(p|div|li|h[1-6]|tr|section|article)\s*>", "\n", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    page = html.unescape(page)
    page = re.sub(r"[ \t\r\f\v]+", " ", page)
    return re.sub(r"\n\s*\n+", "\n\n", page).strip()


def _looks_like_html(fetched: Fetched) -> bool:
    head = (fetched.text or "")[:512].lstrip().lower()
    return "html" in fetched.content_type.lower() or head.startswith(("<!doctype html", "<html"))


def github_repos(text: str) -> list[tuple[str, str]]:
    """(owner, repo) of every GitHub repository linked from a text, in order, without repeats."""
    out = []
    for owner, repo in _GITHUB_REPO.findall(text or ""):
        repo = re.sub(r"\.git$", "", repo).rstrip(".")
        if owner.lower() in _NOT_REPOS or not repo or (owner, repo) in out:
            continue
        out.append((owner, repo))
    return out


def arxiv_ids(text: str) -> list[str]:
    """arXiv ids of every paper linked from a text (arxiv.org/abs/ID or /pdf/ID), in order."""
    return list(dict.fromkeys(_ARXIV.findall(text or "")))


class WebDocuments:
    """The documents of a dataset fetched over HTTP. `links` adds, per Hub id, URLs known from elsewhere
    (a catalog's homepage and paper); at most `max_linked` GitHub READMEs and as many abstracts are read
    per dataset. `github_token` is sent to the GitHub API only (higher rate limits)."""

    def __init__(self, http: CachedHttp, hub: str | None = None, github: str | None = None,
                 arxiv: str | None = None, links: dict[str, list[str]] | None = None, max_linked: int = 3,
                 max_chars: int = 200_000, github_token: str | None = None):
        self.http = http
        self.hub = (hub or os.environ.get("HF_ENDPOINT") or HUB_URL).rstrip("/")
        self.github = (github or os.environ.get("ARENA_GITHUB_API_URL") or GITHUB_API_URL).rstrip("/")
        self.arxiv = (arxiv or os.environ.get("ARENA_ARXIV_API_URL") or ARXIV_API_URL).rstrip("/")
        self.links = links or {}
        self.max_linked = max_linked
        self.max_chars = max_chars
        self._github_auth = {"Authorization": f"Bearer {github_token}"} if github_token else None

    def documents(self, dataset_id: str) -> DocumentSet:
        out = DocumentSet()
        card, paper_tags = self._hub_card(dataset_id, out)
        linked = " ".join([card.text if card else "", *self.links.get(dataset_id, [])])
        for owner, repo in github_repos(linked)[: self.max_linked]:
            self._add(out, self._github_readme(dataset_id, owner, repo, out))
        for arxiv_id in list(dict.fromkeys(arxiv_ids(linked) + paper_tags))[: self.max_linked]:
            self._add(out, self._arxiv_abstract(dataset_id, arxiv_id, out))
        return out

    @staticmethod
    def _add(out: DocumentSet, doc: Card | None) -> None:
        if doc is not None:
            out.documents.append(doc)

    def _failed(self, out: DocumentSet, dataset_id: str, source: str, fetched: Fetched, kind: str = "",
                message: str = "") -> None:
        out.failures.append(FetchFailure(dataset_id, source, fetched.url, kind or fetched.error_kind,
                                         message or fetched.error or "", fetched.fetched_at))

    def _text(self, fetched: Fetched) -> str:
        text = html_to_text(fetched.text or "") if _looks_like_html(fetched) else fetched.text or ""
        return text[: self.max_chars]

    # --- the Hub ------------------------------------------------------------------------------------
    def _hub_card(self, dataset_id: str, out: DocumentSet) -> tuple[Card | None, list[str]]:
        path = quote(dataset_id, safe="/")
        info = self.http.get(f"{self.hub}/api/datasets/{path}", headers={"Accept": "application/json"})
        if not info.ok:
            self._failed(out, dataset_id, "hub", info)
            return None, []
        try:
            meta = json.loads(info.text)
        except json.JSONDecodeError:
            self._failed(out, dataset_id, "hub", info, "not_json", "the Hub API answered something other than JSON")
            return None, []
        tags = meta.get("tags") if isinstance(meta, dict) else None
        papers = [t.split(":", 1)[1] for t in tags or [] if isinstance(t, str) and t.startswith("arxiv:")]
        readme = self.http.get(f"{self.hub}/datasets/{path}/raw/main/README.md")
        if not readme.ok:
            self._failed(out, dataset_id, "hub", readme)
            return None, papers
        text = self._text(readme)
        if not text.strip():
            self._failed(out, dataset_id, "hub", readme, "empty", "the card is empty")
            return None, papers
        card = Card(dataset_id, text, hub_url(dataset_id), "hub:README")
        out.documents.append(card)
        return card, papers

    # --- GitHub -------------------------------------------------------------------------------------
    def _github_readme(self, dataset_id: str, owner: str, repo: str, out: DocumentSet) -> Card | None:
        fetched = self.http.get(f"{self.github}/repos/{quote(owner)}/{quote(repo)}/readme",
                                headers={"Accept": "application/vnd.github+json"}, secret_headers=self._github_auth)
        if not fetched.ok:
            self._failed(out, dataset_id, "github", fetched)
            return None
        page = f"https://github.com/{owner}/{repo}"
        try:
            body = json.loads(fetched.text)
        except json.JSONDecodeError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("content"), str):
            try:
                raw = base64.b64decode(body["content"]) if body.get("encoding", "base64") == "base64" \
                    else body["content"].encode()
            except (binascii.Error, ValueError):
                self._failed(out, dataset_id, "github", fetched, "bad_content", "the README's base64 content is unreadable")
                return None
            page = body.get("html_url") or page
            text = raw.decode("utf-8", errors="replace")
            if "<html" in text[:512].lower():
                text = html_to_text(text)
            text = text[: self.max_chars]
        elif body is not None:
            self._failed(out, dataset_id, "github", fetched, "not_readme", "the README answer is JSON without content")
            return None
        else:
            text = self._text(fetched)
        if not text.strip():
            self._failed(out, dataset_id, "github", fetched, "empty", "the README is empty")
            return None
        return Card(dataset_id, text, page, "github:README")

    # --- arXiv --------------------------------------------------------------------------------------
    def _arxiv_abstract(self, dataset_id: str, arxiv_id: str, out: DocumentSet) -> Card | None:
        fetched = self.http.get(f"{self.arxiv}/api/query?id_list={quote(arxiv_id)}")
        if not fetched.ok:
            self._failed(out, dataset_id, "arxiv", fetched)
            return None
        try:
            root = ET.fromstring(fetched.text)
        except ET.ParseError:
            self._failed(out, dataset_id, "arxiv", fetched, "not_atom", "the arXiv API answered something other than Atom XML")
            return None
        entry = root.find(f"{ATOM}entry")
        title = (entry.findtext(f"{ATOM}title") or "").strip() if entry is not None else ""
        summary = (entry.findtext(f"{ATOM}summary") or "").strip() if entry is not None else ""
        if entry is None or title == "Error" or not summary:
            self._failed(out, dataset_id, "arxiv", fetched, "no_entry", f"arXiv has no paper {arxiv_id}")
            return None
        text = f"{' '.join(title.split())}\n\n{' '.join(summary.split())}"[: self.max_chars]
        return Card(dataset_id, text, f"https://arxiv.org/abs/{arxiv_id}", "arxiv:abstract")
