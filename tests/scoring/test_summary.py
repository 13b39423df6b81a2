"""The file CLI's per-dimension summary equals the SQL definition the warehouse uses."""
import duckdb
import numpy as np
import pyarrow as pa

from scoring.summary import summarize

REFERENCE_SQL = """
    select dataset_id, dimension, count(value) as n, avg(value) as mean,
           quantile_cont(value, 0.5) as median, quantile_cont(value, 0.1) as p10,
           quantile_cont(value, 0.9) as p90, bool_or(truncated) as any_truncated
    from scores group by all order by dataset_id, dimension
"""


def test_summary_equals_duckdb_quantile_cont_with_nulls_chunks_and_empty_groups():
    rng = np.random.default_rng(0)
    n = 5000
    values = rng.normal(size=n)
    values[rng.random(n) < 0.1] = np.nan
    table = pa.table({"dataset_id": rng.choice(["b", "a"], n), "dimension": rng.choice(["z", "x", "y", "w"], n),
                      "value": pa.array(values, mask=np.isnan(values)), "truncated": pa.array(rng.random(n) < 0.01)})
    only_null = pa.table({"dataset_id": ["c"], "dimension": ["only_null"], "value": pa.array([None], pa.float64()),
                          "truncated": pa.array([False])})
    table = pa.concat_tables([table.slice(0, 2000), table.slice(2000), only_null])     # three chunks
    ours = summarize(table).to_pylist()
    con = duckdb.connect()
    con.register("scores", table)
    reference = con.sql(REFERENCE_SQL).to_arrow_table().to_pylist()
    assert [(r["dataset_id"], r["dimension"]) for r in ours] == [(r["dataset_id"], r["dimension"]) for r in reference]
    assert len(ours) == 9 and ours[-1]["n"] == 0 and ours[-1]["median"] is None
    for mine, ref in zip(ours, reference):
        for key, value in mine.items():
            if isinstance(value, float):
                assert abs(value - ref[key]) < 1e-12, (key, mine, ref)
            else:
                assert value == ref[key], (key, mine, ref)
