"""Declared parents: what a catalog or a dataset card states outright, no model involved.

- catalog entries' `parents` (the arena's own YAML): evidence kind `declared`, confidence 1.0;
- a card's `source_datasets` metadata: `declared`, 0.95, the YAML line as quote;
- Hub dataset links (`huggingface.co/datasets/<owner>/<name>`) and `load_dataset("<owner>/<name>")`
  calls in the README body: `documentation`, 0.6, the sentence as quote. A link is weaker evidence
  than metadata (it may be a citation or a comparison), which the confidence says.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lineage.cards import Card, CardSource
from lineage.model import Edge, looks_like_hub_id
from lineage.vocabulary import RELATIONSHIPS, normalize_relationship

_HUB_LINK = re.compile(r"huggingface\.co/datasets/([A-Za-z0-9][\w.-]*/[\w.-]*[\w])")
_LOAD = re.compile(r"load_dataset\(\s*['\"]([A-Za-z0-9][\w.-]*/[\w.-]+)['\"]")
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]|\n|$)")


@dataclass
class DeclaredEntry:
    """What the declared collectors need of a catalog entry (a lake catalog row has the same fields)."""

    id: str
    parents: list[str] = field(default_factory=list)
    hub_id: str | None = None


def catalog_edges(entries: Iterable, collected_at: dt.datetime | None = None) -> list[Edge]:
    """Edges from catalog entries with `.id` and `.parents` (ids, or 'id:relationship')."""
    edges = []
    for entry in entries:
        for parent in getattr(entry, "parents", None) or []:
            pid, _, rel = str(parent).partition(":")
            rel = rel.strip() or "derivation"
            if rel not in RELATIONSHIPS:
                raise ValueError(f"catalog entry '{entry.id}': parent '{parent}' has unknown relationship '{rel}'")
            edges.append(Edge(source_id=pid.strip(), target_id=entry.id, relationship=rel, evidence_kind="declared",
                              collector="declared", confidence=1.0, original_label=rel, evidence_origin="catalog",
                              evidence_quote=f"parents: {parent}", collected_at=collected_at, oriented_by="declared"))
    return edges


def hub_alias_edges(entries: Iterable, collected_at: dt.datetime | None = None) -> list[Edge]:
    """An arena dataset read from the Hub is a copy of that Hub dataset: this joins the arena's
    catalog ids to graphs keyed by Hub ids (ODA's, the agent's). `entries` have `.id` and `.hub_id`."""
    return [Edge(source_id=e.hub_id, target_id=e.id, relationship="copy", evidence_kind="declared",
                 collector="declared", confidence=1.0, original_label="source.hub", evidence_origin="catalog:source.hub",
                 evidence_quote=f"source: hub: {e.hub_id}", evidence_url=f"https://huggingface.co/datasets/{e.hub_id}",
                 collected_at=collected_at, oriented_by="declared")
            for e in entries if getattr(e, "hub_id", None) and e.hub_id != e.id]


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(".", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left:right].strip()


def card_edges(card: Card, collected_at: dt.datetime | None = None) -> list[Edge]:
    """Parents named by one card: `source_datasets` metadata, then Hub links and load_dataset calls."""
    edges: dict[str, Edge] = {}
    meta = card.metadata
    sources = meta.get("source_datasets") or []
    if isinstance(sources, str):
        sources = [sources]
    for src in sources:
        src = str(src).strip()
        if not src or src == card.dataset_id or src in ("original", "extended"):
            continue  # 'original' is the Hub's placeholder for "no source"
        src = src.removeprefix("extended|")
        edges[src] = Edge(source_id=src, target_id=card.dataset_id, relationship="derivation", evidence_kind="declared",
                          collector="declared", confidence=0.95, original_label="source_datasets",
                          evidence_origin="card:source_datasets", evidence_quote=f"source_datasets: {src}",
                          evidence_url=card.url, collected_at=collected_at, oriented_by="declared")
    body = re.sub(r"^---\s*\n.*?\n---\s*\n", "", card.text, count=1, flags=re.S)
    for pattern in (_HUB_LINK, _LOAD):
        for m in pattern.finditer(body):
            src = m.group(1).rstrip(".")
            if src == card.dataset_id or src in edges or not looks_like_hub_id(src):
                continue
            quote = _sentence_around(body, m.start(), m.end())
            edges[src] = Edge(source_id=src, target_id=card.dataset_id,
                              relationship=normalize_relationship(None, quote), evidence_kind="documentation",
                              collector="declared", confidence=0.6, original_label="readme_link",
                              evidence_origin="card:README", evidence_quote=quote, evidence_url=card.url,
                              collected_at=collected_at, oriented_by="declared")
    return list(edges.values())


def collect_declared(dataset_ids: Iterable[str], cards: CardSource, catalog_entries: Iterable = (),
                     collected_at: dt.datetime | None = None) -> list[Edge]:
    collected_at = collected_at or dt.datetime.now(dt.timezone.utc)
    edges = catalog_edges(catalog_entries, collected_at)
    for ds in dataset_ids:
        card = cards.get(ds)
        if card is not None:
            edges.extend(card_edges(card, collected_at))
    return edges
