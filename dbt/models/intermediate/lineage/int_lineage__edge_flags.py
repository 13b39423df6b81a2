"""Per edge of the reviewed lineage graph: the source released after its target; part of a cycle.

Built on `int_lineage__edges_reviewed` (rejected edges are left out) with the nodes' release dates;
lineage/analysis.py holds the rules.
"""


def model(dbt, session):
    from lineage.analysis import LineageGraph

    dbt.config(materialized="table")
    edges = dbt.ref("int_lineage__edges_reviewed").fetch_arrow_table()
    nodes = dbt.ref("stg_lineage__nodes").fetch_arrow_table()
    return LineageGraph.from_tables(edges, nodes).edge_flags()
