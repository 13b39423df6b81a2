"""Per node of the reviewed lineage graph: ancestry, depth, family, reuse and cycle membership.

The graph is built from `int_lineage__edges_reviewed`, the one model that applies people's reviews, so
an edge someone rejected is out of the graph here exactly as it is out of the explorer. The analysis
itself (networkx) lives in lineage/analysis.py.
"""


def model(dbt, session):
    from lineage.analysis import LineageGraph

    dbt.config(materialized="table")
    edges = dbt.ref("int_lineage__edges_reviewed").fetch_arrow_table()
    nodes = dbt.ref("stg_lineage__nodes").fetch_arrow_table()
    return LineageGraph.from_tables(edges, nodes).node_stats()
