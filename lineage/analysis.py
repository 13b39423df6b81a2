"""Graph analysis of the lineage with networkx: ancestry, depth, roots, reuse, families, and the
inconsistencies a reviewer should look at (cycles; a source released after its target).

Rejected edges are left out; several edges between one pair (different evidence) become one graph
edge carrying all their relationships and the highest confidence.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import pyarrow as pa

from lineage.model import date_is_after

# The shapes of the graph tables, which the dbt Python models int_lineage__node_stats and
# int_lineage__edge_flags return.
NODE_STATS_SCHEMA = pa.schema([
    ("node_id", pa.string()),
    ("n_parents", pa.int64()),
    ("n_children", pa.int64()),
    ("n_ancestors", pa.int64()),
    ("n_descendants", pa.int64()),
    ("depth", pa.int64()),            # longest chain of derivations from a root down to this node
    ("is_root", pa.bool_()),          # has children, no parents
    ("is_leaf", pa.bool_()),
    ("family_id", pa.int64()),        # community (Louvain on the undirected graph), 0 = largest
    ("family_size", pa.int64()),
    ("in_cycle", pa.bool_()),
    ("reuse_rank", pa.int64()),       # 1 = the source with the most descendants
])

EDGE_FLAGS_SCHEMA = pa.schema([
    ("edge_id", pa.string()),
    ("source_id", pa.string()),
    ("target_id", pa.string()),
    ("date_inconsistent", pa.bool_()),   # the source was released after its target
    ("in_cycle", pa.bool_()),
])


@dataclass
class LineageGraph:
    graph: nx.DiGraph
    edge_rows: list[dict]

    @classmethod
    def from_tables(cls, edges: pa.Table, nodes: pa.Table | None = None) -> "LineageGraph":
        g = nx.DiGraph()
        if nodes is not None:
            for row in nodes.to_pylist():
                g.add_node(row["node_id"], **row)
        rows = [r for r in edges.to_pylist() if r.get("review_status", "proposed") != "rejected"]
        for r in rows:
            s, t = r["source_id"], r["target_id"]
            for n in (s, t):
                if n not in g:
                    g.add_node(n, node_id=n)
            if g.has_edge(s, t):
                data = g.edges[s, t]
                data["relationships"].add(r["relationship"])
                data["confidence"] = max(data["confidence"], r["confidence"])
                data["edge_ids"].append(r["edge_id"])
            else:
                g.add_edge(s, t, relationships={r["relationship"]}, confidence=r["confidence"],
                           edge_ids=[r["edge_id"]])
        return cls(g, rows)

    # --- ancestry -----------------------------------------------------------------------------
    def ancestors(self, node: str) -> set[str]:
        return nx.ancestors(self.graph, node) if node in self.graph else set()

    def descendants(self, node: str) -> set[str]:
        return nx.descendants(self.graph, node) if node in self.graph else set()

    def path(self, source: str, target: str) -> list[str] | None:
        """A shortest derivation chain source -> ... -> target, or None."""
        try:
            return nx.shortest_path(self.graph, source, target)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return None

    def roots(self) -> list[str]:
        return sorted(n for n in self.graph if self.graph.in_degree(n) == 0 and self.graph.out_degree(n) > 0)

    def depths(self) -> dict[str, int]:
        """Longest chain from any root, computed on the condensation so cycles cannot loop forever."""
        cond = nx.condensation(self.graph)
        depth_c: dict[int, int] = {}
        for c in nx.topological_sort(cond):
            preds = list(cond.predecessors(c))
            depth_c[c] = 1 + max(depth_c[p] for p in preds) if preds else 0
        mapping = cond.graph["mapping"]
        return {n: depth_c[mapping[n]] for n in self.graph}

    def most_reused(self, k: int = 20) -> list[tuple[str, int, int]]:
        """(node, direct children, all descendants), by descendants then children."""
        scored = [(n, self.graph.out_degree(n), len(nx.descendants(self.graph, n)))
                  for n in self.graph if self.graph.out_degree(n) > 0]
        return sorted(scored, key=lambda x: (-x[2], -x[1], x[0]))[:k]

    def families(self, seed: int = 0) -> list[set[str]]:
        """Communities of the undirected graph (Louvain), largest first; isolated nodes are singletons."""
        und = self.graph.to_undirected()
        if und.number_of_edges() == 0:
            return [{n} for n in sorted(und)]
        comms = nx.community.louvain_communities(und, seed=seed)
        return sorted((set(c) for c in comms), key=lambda c: (-len(c), min(c)))

    def cycles(self, limit: int = 1000) -> list[list[str]]:
        out = []
        for cycle in nx.simple_cycles(self.graph):
            out.append(cycle)
            if len(out) >= limit:
                break
        return out

    def date_inconsistencies(self) -> list[dict]:
        """Edges whose source was released after its target (by the nodes' release dates)."""
        flagged = []
        for r in self.edge_rows:
            s = self.graph.nodes.get(r["source_id"], {})
            t = self.graph.nodes.get(r["target_id"], {})
            if date_is_after(s.get("release_date"), s.get("date_precision"),
                             t.get("release_date"), t.get("date_precision")):
                flagged.append({**r, "source_date": s.get("release_date"), "target_date": t.get("release_date")})
        return flagged

    # --- tables -------------------------------------------------------------------------------
    def node_stats(self) -> pa.Table:
        depth = self.depths()
        fams = self.families()
        family_of = {n: i for i, fam in enumerate(fams) for n in fam}
        cyc_nodes = {n for comp in nx.strongly_connected_components(self.graph) if len(comp) > 1 for n in comp}
        cyc_nodes |= {n for n in self.graph if self.graph.has_edge(n, n)}
        reuse = {n: i + 1 for i, (n, _, _) in enumerate(self.most_reused(k=len(self.graph)))}
        rows = []
        for n in sorted(self.graph):
            indeg, outdeg = self.graph.in_degree(n), self.graph.out_degree(n)
            rows.append({
                "node_id": n, "n_parents": indeg, "n_children": outdeg,
                "n_ancestors": len(nx.ancestors(self.graph, n)), "n_descendants": len(nx.descendants(self.graph, n)),
                "depth": depth[n], "is_root": indeg == 0 and outdeg > 0, "is_leaf": outdeg == 0 and indeg > 0,
                "family_id": family_of.get(n), "family_size": len(fams[family_of[n]]) if n in family_of else 1,
                "in_cycle": n in cyc_nodes, "reuse_rank": reuse.get(n),
            })
        return pa.Table.from_pylist(rows, schema=NODE_STATS_SCHEMA)

    def edge_flags(self) -> pa.Table:
        bad_dates = {r["edge_id"] for r in self.date_inconsistencies()}
        scc_of = {}
        for i, comp in enumerate(nx.strongly_connected_components(self.graph)):
            for n in comp:
                scc_of[n] = (i, len(comp))
        rows = []
        for r in self.edge_rows:
            s, t = r["source_id"], r["target_id"]
            in_cycle = s == t or (scc_of[s][0] == scc_of[t][0] and scc_of[s][1] > 1)
            rows.append({"edge_id": r["edge_id"], "source_id": s, "target_id": t,
                         "date_inconsistent": r["edge_id"] in bad_dates, "in_cycle": in_cycle})
        return pa.Table.from_pylist(rows, schema=EDGE_FLAGS_SCHEMA)

    def summary(self) -> dict:
        fams = self.families()
        return {
            "nodes": self.graph.number_of_nodes(), "edges": self.graph.number_of_edges(),
            "edge_rows": len(self.edge_rows), "roots": len(self.roots()),
            "max_depth": max(self.depths().values(), default=0),
            "families": len(fams), "largest_family": len(fams[0]) if fams else 0,
            "cycles": len(self.cycles()), "date_inconsistencies": len(self.date_inconsistencies()),
            "most_reused": self.most_reused(5),
        }


def relationship_counts(edges: pa.Table) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for r in edges.column("relationship").to_pylist():
        counts[r] += 1
    return dict(counts)
