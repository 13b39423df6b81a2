"""Per-dimension summaries of a long score table (count, mean, median, p10, p90), for the file CLI
and benchmark reports. The warehouse computes the same statistics in dbt (`fct_dataset_fingerprint`)."""
from __future__ import annotations

import duckdb
import pyarrow as pa

SUMMARY_SQL = """
    select dataset_id, dimension, count(value) as n, avg(value) as mean,
           quantile_cont(value, 0.5) as median, quantile_cont(value, 0.1) as p10,
           quantile_cont(value, 0.9) as p90, bool_or(truncated) as any_truncated
    from scores group by all order by dataset_id, dimension
"""


def summarize(scores: pa.Table) -> pa.Table:
    con = duckdb.connect()
    con.register("scores", scores)
    return con.sql(SUMMARY_SQL).to_arrow_table()
