"""Datasets at risk through their lineage: a contaminated ancestor, or a benchmark as ancestor, with
the derivation path, beside the dataset's own measured share.

The paths follow `int_lineage__edges_reviewed` (rejected edges are left out); the measured shares are
the contamination scan's matrix; lineage/contamination.py holds the propagation rule.
"""


def model(dbt, session):
    from lineage.analysis import LineageGraph
    from lineage.contamination import propagate_risk

    dbt.config(materialized="table")
    edges = dbt.ref("int_lineage__edges_reviewed").fetch_arrow_table()
    matrix = dbt.ref("stg_lineage__contamination_matrix").select(
        "dataset_id, benchmark_id, contaminated_share as share").fetch_arrow_table()
    benchmarks = [r[0] for r in dbt.ref("stg_arena__datasets").filter("role = 'benchmark'")
                  .select("dataset_id").fetchall()]
    return propagate_risk(matrix, LineageGraph.from_tables(edges), benchmarks)
