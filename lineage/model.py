"""The lineage graph as lake tables: nodes, edges with structured evidence, and reviews.

Evidence is columns, not a JSON string (ODA's `meta_info`): the quote, its URL and origin for
documentary evidence; the overlap statistics for content evidence. An edge's id is a hash of what
identifies its evidence (endpoints, kind, URL, quote), so re-deriving the same edge gives the same id
and the reviews table, keyed by it, keeps applying. Reviews are never written into the edges table.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields

import pyarrow as pa

from lineage.vocabulary import check_evidence_kind, check_relationship, check_review_status
from warehouse.tables import LINEAGE_EDGES, LINEAGE_REVIEWS, NODE_SCHEMA


_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def looks_like_hub_id(name: str) -> bool:
    return bool(_HUB_ID.match(name or ""))


def edge_id(source_id: str, target_id: str, evidence_kind: str, evidence_url: str | None = None,
            evidence_quote: str | None = None) -> str:
    """Stable id of an edge: the same evidence for the same pair always hashes to the same id."""
    key = "\x1f".join([source_id, target_id, evidence_kind, evidence_url or "", (evidence_quote or "").strip()])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def parse_date(value) -> tuple[dt.date | None, str | None]:
    """'2024', '2024-02', '2024-02-17', a date, or None -> (first day of the period, precision)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    text = str(value).strip()
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if not m:
        raise ValueError(f"unreadable date '{value}' (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if day:
        return dt.date(year, int(month), int(day)), "day"
    if month:
        return dt.date(year, int(month), 1), "month"
    return dt.date(year, 1, 1), "year"


def date_is_after(a: dt.date | None, a_precision: str | None, b: dt.date | None, b_precision: str | None) -> bool:
    """True when period `a` starts strictly after period `b` at their common (coarser) precision."""
    if a is None or b is None:
        return False
    order = {"year": 0, "month": 1, "day": 2}
    common = min(order.get(a_precision or "day", 2), order.get(b_precision or "day", 2))
    def key(d: dt.date) -> tuple:
        return (d.year, d.month, d.day)[: common + 1]
    return key(a) > key(b)


@dataclass
class Node:
    node_id: str
    name: str | None = None
    role: str = "upstream"
    domain: str | None = None
    categories: list[str] = field(default_factory=list)
    release_date: dt.date | None = None
    date_precision: str | None = None
    exists_on_hub: bool | None = None
    is_catalogued: bool = False
    looks_like_hub_id: bool | None = None
    data_type: str | None = None
    summary: str | None = None
    paper_url: str | None = None
    downloads: int | None = None
    origin: str = "catalog"

    def __post_init__(self):
        if not self.node_id:
            raise ValueError(f"a lineage node needs a non-empty node_id (got {self.node_id!r})")
        if self.name is None:
            self.name = self.node_id
        if self.looks_like_hub_id is None:
            self.looks_like_hub_id = looks_like_hub_id(self.node_id)


@dataclass
class Edge:
    source_id: str
    target_id: str
    relationship: str
    evidence_kind: str
    collector: str
    confidence: float
    original_label: str | None = None
    evidence_origin: str | None = None
    evidence_quote: str | None = None
    evidence_url: str | None = None
    source_exists_on_hub: bool | None = None
    collected_at: dt.datetime | None = None
    oriented_by: str | None = None
    ov_source_samples: int | None = None
    ov_target_samples: int | None = None
    ov_target_in_source: float | None = None
    ov_source_in_target: float | None = None
    ov_target_prompt_only: float | None = None
    ov_target_response_only: float | None = None
    ov_source_prompt_in_target: float | None = None
    ov_exact_share: float | None = None
    ov_matched_samples: int | None = None
    ov_jaccard_threshold: float | None = None
    edge_id: str | None = None

    def __post_init__(self):
        check_relationship(self.relationship)
        check_evidence_kind(self.evidence_kind)
        if not self.source_id or not self.target_id:
            raise ValueError(f"edge needs both endpoints (source={self.source_id!r}, target={self.target_id!r})")
        if not 0.0 <= float(self.confidence) <= 1.0:
            raise ValueError(f"edge {self.source_id} -> {self.target_id}: confidence {self.confidence} not in [0, 1]")
        if self.collected_at is None:
            self.collected_at = dt.datetime.now(dt.timezone.utc)
        if self.edge_id is None:
            self.edge_id = edge_id(self.source_id, self.target_id, self.evidence_kind, self.evidence_url,
                                   self.evidence_quote)


@dataclass
class Review:
    edge_id: str
    status: str
    reviewer: str
    reviewed_at: dt.datetime | None = None
    note: str | None = None

    def __post_init__(self):
        check_review_status(self.status)
        if not self.reviewer:
            raise ValueError(f"review of edge {self.edge_id}: a reviewer is required (who decided)")
        if self.reviewed_at is None:
            self.reviewed_at = dt.datetime.now(dt.timezone.utc)


def _to_table(items: Iterable, schema: pa.Schema) -> pa.Table:
    names = schema.names
    rows = [{k: v for k, v in asdict(item).items() if k in names} for item in items]
    return pa.Table.from_pylist(rows, schema=schema)


def nodes_table(nodes: Iterable[Node]) -> pa.Table:
    return _to_table(nodes, NODE_SCHEMA)


def edges_table(edges: Iterable[Edge]) -> pa.Table:
    return _to_table(edges, LINEAGE_EDGES.schema)


def reviews_table(reviews: Iterable[Review]) -> pa.Table:
    return _to_table(reviews, LINEAGE_REVIEWS.schema)


def edges_from_table(table: pa.Table) -> list[Edge]:
    names = {f.name for f in fields(Edge)}
    return [Edge(**{k: v for k, v in row.items() if k in names}) for row in table.to_pylist()]


def nodes_from_table(table: pa.Table) -> list[Node]:
    names = {f.name for f in fields(Node)}
    return [Node(**{k: v for k, v in row.items() if k in names}) for row in table.to_pylist()]


def merge_nodes(*groups: Iterable[Node]) -> list[Node]:
    """One node per id: later groups fill what earlier ones left unknown (catalog first, then ODA...)."""
    merged: dict[str, Node] = {}
    for group in groups:
        for node in group:
            have = merged.get(node.node_id)
            if have is None:
                merged[node.node_id] = Node(**asdict(node))
                continue
            for f in fields(Node):
                current = getattr(have, f.name)
                if current in (None, [], "") and getattr(node, f.name) not in (None, [], ""):
                    setattr(have, f.name, getattr(node, f.name))
            have.is_catalogued = have.is_catalogued or node.is_catalogued
            if have.role == "upstream" and node.role != "upstream":
                have.role = node.role
    return list(merged.values())
