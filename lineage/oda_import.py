"""Importer for graphs in OpenDataArena's format (../shared/data/oda_lineage).

ODA stores each edge as {target, source, meta_info} with meta_info a JSON *string* holding the evidence
origin (README/Paper/Blog, inconsistently cased), confidence, relationship label, a quote and whether
the source exists on the Hub. Every edge is kept (duplicates of a pair included: they carry different
quotes); the label is normalized into our vocabulary with the original kept. Nodes come from
lineage_data.jsonl; endpoints it does not describe become upstream nodes (ODA's pseudo-nodes such as
"CC-MAIN-2015-11" are kept but flagged by `looks_like_hub_id`). id2name.jsonl gives leaderboard names.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from lineage.model import Edge, Node, parse_date
from lineage.vocabulary import normalize_relationship

_ORIGINS = {"huggingface readme": "HuggingFace README", "paper": "Paper", "blog": "Blog"}


@dataclass
class OdaGraph:
    nodes: list[Node]
    edges: list[Edge]
    leaderboard_names: dict[str, str]      # leaderboard display name -> Hub id (two names may share an id)
    label_counts: Counter                  # original label -> count
    relabelled_groups: int                 # (target, quote) groups whose labels disagreed and were unified


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{i}: not JSON ({exc})") from exc
    return rows


def _meta(edge: dict, path: Path, line: int) -> dict:
    meta = edge.get("meta_info")
    if isinstance(meta, str):
        try:
            meta = json.loads(meta)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{line}: meta_info is not a JSON string ({exc})") from exc
    if not isinstance(meta, dict):
        raise ValueError(f"{path}:{line}: meta_info must be an object or a JSON string, got {type(meta).__name__}")
    for key in ("confidence", "relationship"):
        if key not in meta:
            raise ValueError(f"{path}:{line}: meta_info lacks '{key}'")
    return meta


def load_oda_graph(folder: str | Path, collected_at: dt.datetime | None = None) -> OdaGraph:
    folder = Path(folder)
    collected_at = collected_at or dt.datetime.now(dt.timezone.utc)
    graph_path = folder / "graph.jsonl"
    raw_edges = _read_jsonl(graph_path)
    node_rows = _read_jsonl(folder / "lineage_data.jsonl") if (folder / "lineage_data.jsonl").exists() else []
    names = _read_jsonl(folder / "id2name.jsonl") if (folder / "id2name.jsonl").exists() else []
    leaderboard_names = {row["origin"]: row["target"] for row in names}
    leaderboard: dict[str, str] = {}
    for row in names:
        leaderboard.setdefault(row["target"], row["origin"])

    nodes: dict[str, Node] = {}
    for row in node_rows:
        date, precision = parse_date(row.get("year") or row.get("hf_year") or row.get("paper_year"))
        nodes[row["name"]] = Node(
            node_id=row["name"], name=leaderboard.get(row["name"], row["name"]),
            role="train" if row["name"] in leaderboard else "upstream",
            domain=(row.get("categories") or [None])[0], categories=list(row.get("categories") or []),
            release_date=date, date_precision=precision,
            exists_on_hub={"exists": True, "not_exists": False}.get(row.get("exists_on_hf")),
            data_type=row.get("data_type") or None, summary=row.get("summary") or None,
            paper_url=row.get("paper_url"), downloads=row.get("downloads"), origin="oda")

    edges: list[Edge] = []
    labels: Counter = Counter()
    seen_ids: Counter = Counter()
    for line, row in enumerate(raw_edges, 1):
        meta = _meta(row, graph_path, line)
        source, target = row.get("source"), row.get("target")
        if not source or not target:
            raise ValueError(f"{graph_path}:{line}: edge without source or target: {row}")
        quote = meta.get("evidence")
        origin = _ORIGINS.get(str(meta.get("source", "")).strip().lower(), meta.get("source"))
        labels[meta["relationship"]] += 1
        edge = Edge(source_id=source, target_id=target,
                    relationship=normalize_relationship(meta["relationship"], quote),
                    original_label=meta["relationship"], confidence=float(meta["confidence"]),
                    evidence_kind="documentation", evidence_origin=origin, evidence_quote=quote,
                    evidence_url=nodes[target].paper_url if origin == "Paper" and target in nodes else None,
                    source_exists_on_hub=meta.get("exists"), collector="oda_import",
                    collected_at=collected_at, oriented_by="declared")
        # the same pair with the same quote twice stays two edges: keep both, ids distinct
        seen_ids[edge.edge_id] += 1
        if seen_ids[edge.edge_id] > 1:
            edge.edge_id = f"{edge.edge_id}-{seen_ids[edge.edge_id]}"
        edges.append(edge)
        for end in (source, target):
            if end not in nodes:
                nodes[end] = Node(node_id=end, role="upstream", origin="oda",
                                  exists_on_hub=meta.get("exists") if end == source else None)

    relabelled = _unify_labels(edges)
    return OdaGraph(list(nodes.values()), edges, leaderboard_names, labels, relabelled)


def _unify_labels(edges: list[Edge]) -> int:
    """One quote naming several sources of one target gets one relationship (ODA's labels disagree
    there): the most frequent normalized label of the group, ties to the more specific one."""
    groups: dict[tuple, list[Edge]] = defaultdict(list)
    for edge in edges:
        if edge.evidence_quote:
            groups[(edge.target_id, edge.evidence_quote.strip())].append(edge)
    changed = 0
    for group in groups.values():
        counts = Counter(e.relationship for e in group)
        if len(counts) < 2:
            continue
        best = max(counts, key=lambda r: (counts[r], r != "derivation"))
        for edge in group:
            edge.relationship = best
        changed += 1
    return changed
