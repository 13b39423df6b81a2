"""What the lineage steps read from the lake, and the tables they derive from it.

The Dagster assets of the lineage domain are thin over these functions: the catalog rows, the ingested
datasets, the edges of every collector, declared and content-overlap edges, the merged node list and the
reviewed edges. Everything takes the arena's paths, so tests and the Ray engine call them the same way.
"""
from __future__ import annotations

import os
from collections.abc import Callable

import pyarrow as pa

from warehouse.lake import list_partitions, partition_files, read_partition
from warehouse.paths import ArenaPaths, shared_data_dir
from warehouse.tables import CATALOG, LINEAGE_EDGES, LINEAGE_ODA_NODES, LINEAGE_SIGNATURES, SAMPLES


def catalog_rows(paths: ArenaPaths) -> dict[str, dict]:
    """dataset_id -> catalog row (role, domain, release_date, parents, name, hub_id, homepage, paper)."""
    rows = {}
    for part in list_partitions(paths, CATALOG.name):
        for r in read_partition(paths, CATALOG.name, part).to_pylist():
            rows.setdefault(r["dataset_id"], r)
    return rows


def ingested_datasets(paths: ArenaPaths) -> list[str]:
    return [d for d in list_partitions(paths, SAMPLES.name) if partition_files(paths, SAMPLES.name, d)]


def read_whole(paths: ArenaPaths, table: str) -> pa.Table | None:
    """Every partition of a lake table as one table, or None when no partition has rows."""
    parts = [read_partition(paths, table, p) for p in list_partitions(paths, table)]
    parts = [p for p in parts if p.num_rows]
    return pa.concat_tables(parts, promote_options="default") if parts else None


def all_edges(paths: ArenaPaths) -> pa.Table:
    """The edges of every collector (one partition each), unreviewed."""
    return read_whole(paths, LINEAGE_EDGES.name) or LINEAGE_EDGES.schema.empty_table()


def oda_graph(folder: str):
    """ODA's published lineage graph from `folder` (empty: `<shared data>/oda_lineage`; "none": skip).
    A folder named explicitly must hold graph.jsonl; the default one may be absent."""
    from lineage.oda_import import load_oda_graph

    if folder == "none":
        return None
    path = folder or str(shared_data_dir() / "oda_lineage")
    if not os.path.exists(os.path.join(path, "graph.jsonl")):
        if folder:
            raise FileNotFoundError(f"no ODA graph at {path} (graph.jsonl)")
        return None
    return load_oda_graph(path)


def declared_edges(paths: ArenaPaths, cards_dir: str = "") -> list:
    """Parents declared in the catalog, Hub aliases, and, with a card folder, the parents dataset cards
    declare (source_datasets, Hub links) re-targeted from the Hub id to the catalog id."""
    from lineage.cards import LocalCards
    from lineage.declared import DeclaredEntry, card_edges, catalog_edges, hub_alias_edges

    catalog = catalog_rows(paths)
    entries = [DeclaredEntry(r["dataset_id"], r["parents"] or [], r["hub_id"]) for r in catalog.values()]
    edges = catalog_edges(entries) + hub_alias_edges(entries)
    if cards_dir:
        cards = LocalCards(cards_dir)
        for d, row in catalog.items():
            card = cards.get(row["hub_id"] or d)
            if card is not None:
                for e in card_edges(card):
                    e.target_id = d
                    edges.append(e)
    return edges


def overlap_edges(paths: ArenaPaths, threshold: float, min_share: float, log: Callable[[str], None] = print):
    """Derivations found from the data alone (MinHash LSH across every dataset's signatures); returns
    (edges, pair statistics or None when fewer than two datasets have signatures)."""
    from lineage.overlap import DatasetMeta, OverlapConfig, Signatures, find_derivations

    parts = [Signatures.from_table(read_partition(paths, LINEAGE_SIGNATURES.name, d))
             for d in list_partitions(paths, LINEAGE_SIGNATURES.name)]
    parts = [p for p in parts if len(p)]
    if len(parts) < 2:
        log("fewer than two datasets with signatures: no overlap to measure")
        return [], None
    meta = {d: DatasetMeta(d, r["role"], r["release_date"]) for d, r in catalog_rows(paths).items()}
    result = find_derivations(Signatures.concat(parts), meta, OverlapConfig(threshold=threshold, min_share=min_share))
    for e, why in result.dropped:
        log(f"pruned {e.source_id} -> {e.target_id} ({e.relationship}): {why}")
    return result.edges, result.pairs


def graph_nodes(paths: ArenaPaths, edges: pa.Table) -> list:
    """The graph's datasets: catalogued ones (marked when ingested), ODA's nodes and every edge endpoint,
    merged into one node per id."""
    from lineage.model import Node, merge_nodes, nodes_from_table, parse_date

    ingested = set(ingested_datasets(paths))
    catalog_nodes = []
    for d, r in catalog_rows(paths).items():
        date, precision = parse_date(r["release_date"])
        catalog_nodes.append(Node(d, name=r["name"], role=r["role"], domain=r["domain"], release_date=date,
                                  date_precision=precision, is_catalogued=d in ingested, origin="catalog"))
    oda_nodes = (nodes_from_table(read_partition(paths, LINEAGE_ODA_NODES.name, "oda"))
                 if list_partitions(paths, LINEAGE_ODA_NODES.name) else [])
    endpoints = [Node(n, origin="edge") for n in
                 sorted(set(edges.column("source_id").to_pylist()) | set(edges.column("target_id").to_pylist()))]
    return merge_nodes(catalog_nodes, oda_nodes, endpoints)
