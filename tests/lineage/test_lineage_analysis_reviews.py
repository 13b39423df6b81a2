import datetime as dt

import pyarrow as pa

from lineage.analysis import LineageGraph
from lineage.model import Edge, Node, Review, edges_table, nodes_table, reviews_table
from lineage.reviews import read_reviews, record_reviews
from warehouse.paths import ArenaPaths


def _edge(s, t, rel="subset", quote=None):
    return Edge(source_id=s, target_id=t, relationship=rel, evidence_kind="documentation", collector="test",
                confidence=0.9, evidence_quote=quote or f"{t} uses {s}")


def _graph():
    nodes = [Node("root", release_date=dt.date(2022, 1, 1), date_precision="month"),
             Node("mid", release_date=dt.date(2023, 1, 1), date_precision="month"),
             Node("leaf", release_date=dt.date(2024, 1, 1), date_precision="year"),
             Node("old", release_date=dt.date(2021, 6, 1), date_precision="month"),
             Node("x"), Node("y")]
    edges = [_edge("root", "mid"), _edge("mid", "leaf", "mixture"), _edge("leaf", "old"),  # leaf newer than old
             _edge("x", "y"), _edge("y", "x")]  # a cycle
    return nodes, edges


def test_ancestry_depth_roots_cycles_and_dates():
    nodes, edges = _graph()
    lg = LineageGraph.from_tables(edges_table(edges), nodes_table(nodes))
    assert lg.ancestors("leaf") == {"root", "mid"}
    assert lg.descendants("root") == {"mid", "leaf", "old"}
    assert lg.path("root", "old") == ["root", "mid", "leaf", "old"]
    assert lg.roots() == ["root"]
    assert lg.depths()["old"] == 3 and lg.depths()["root"] == 0
    assert sorted(map(sorted, lg.cycles())) == [["x", "y"]]
    bad = lg.date_inconsistencies()
    assert [(r["source_id"], r["target_id"]) for r in bad] == [("leaf", "old")]
    stats = {r["node_id"]: r for r in lg.node_stats().to_pylist()}
    assert stats["x"]["in_cycle"] and not stats["root"]["in_cycle"]
    assert stats["root"]["reuse_rank"] == 1 and stats["root"]["is_root"]
    assert stats["x"]["family_id"] == stats["y"]["family_id"] != stats["root"]["family_id"]


def test_month_and_year_precision_compare_at_the_coarser_one():
    nodes = [Node("a", release_date=dt.date(2024, 5, 1), date_precision="month"),
             Node("b", release_date=dt.date(2024, 1, 1), date_precision="year")]
    lg = LineageGraph.from_tables(edges_table([_edge("a", "b")]), nodes_table(nodes))
    assert lg.date_inconsistencies() == []  # same year: not provably inconsistent


def test_rederiving_never_overwrites_a_review(tmp_path):
    """Reviews are their own lake partitions keyed by the edge's stable id: a collector run again
    yields the same ids, and every review batch is kept (dbt's int_lineage__edges_reviewed applies the
    latest; its unit tests cover that rule)."""
    paths = ArenaPaths(tmp_path)
    _, edges = _graph()
    first = edges_table(edges)
    target = edges[0].edge_id
    record_reviews(paths, [Review(target, "rejected", reviewer="ana", note="wrong direction",
                                  reviewed_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))])
    # the collector runs again: new collected_at, same evidence -> same ids
    _, again = _graph()
    second = edges_table(again)
    assert second.column("edge_id").to_pylist() == first.column("edge_id").to_pylist()
    record_reviews(paths, [Review(target, "verified", reviewer="bo",
                                  reviewed_at=dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc))])
    kept = read_reviews(paths).to_pylist()
    assert [(r["edge_id"], r["status"], r["reviewer"]) for r in sorted(kept, key=lambda r: r["reviewed_at"])] == [
        (target, "rejected", "ana"), (target, "verified", "bo")]


def test_analysis_leaves_rejected_edges_out():
    _, edges = _graph()
    table = edges_table(edges)
    rejected = edges[0]
    status = ["rejected" if e.edge_id == rejected.edge_id else "verified" for e in edges]
    lg = LineageGraph.from_tables(table.append_column("review_status", pa.array(status)))
    assert not lg.graph.has_edge(rejected.source_id, rejected.target_id)
    assert lg.graph.number_of_edges() == len({(e.source_id, e.target_id) for e in edges}) - 1


def test_bad_values_are_refused_with_names():
    import pytest
    with pytest.raises(ValueError, match="unknown relationship 'sibling'"):
        _edge("a", "b", rel="sibling")
    with pytest.raises(ValueError, match="reviewer is required"):
        Review("e1", "verified", reviewer="")
    with pytest.raises(ValueError, match="a -> b: confidence 1.5"):
        Edge(source_id="a", target_id="b", relationship="subset", evidence_kind="declared", collector="t", confidence=1.5)
    assert reviews_table([]).num_rows == 0 and isinstance(reviews_table([]), pa.Table)
