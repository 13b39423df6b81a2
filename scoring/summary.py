"""Per-dimension summaries of a long score table (count, mean, median, p10, p90), for the file CLI
and benchmark reports. The warehouse computes the same statistics in dbt (`fct_dataset_fingerprint`).

NumPy rather than a SQL engine: the file CLI is a short command, and importing DuckDB would be a
twentieth of its start-up. Quantiles interpolate linearly between order statistics, which is what
DuckDB's `quantile_cont` and NumPy's default both do; null values are left out of every statistic.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

SUMMARY_SCHEMA = pa.schema([
    ("dataset_id", pa.string()), ("dimension", pa.string()), ("n", pa.int64()), ("mean", pa.float64()),
    ("median", pa.float64()), ("p10", pa.float64()), ("p90", pa.float64()), ("any_truncated", pa.bool_()),
])


def summarize(scores: pa.Table) -> pa.Table:
    """One row per (dataset_id, dimension), sorted by both; statistics are null where no value is."""
    ds, ds_names = _codes(scores.column("dataset_id"))
    dim, dim_names = _codes(scores.column("dimension"))
    values = scores.column("value").to_numpy().astype(np.float64)      # nulls -> NaN
    truncated = scores.column("truncated").fill_null(False).to_numpy()
    key = ds * len(dim_names) + dim
    order = np.argsort(key, kind="stable")
    keys, starts = np.unique(key[order], return_index=True)
    rows = []
    for k, idx in zip(keys.tolist(), np.split(order, starts[1:])):
        v = values[idx]
        v = v[~np.isnan(v)]
        q = [float(x) for x in np.quantile(v, [0.5, 0.1, 0.9])] if len(v) else [None] * 3
        rows.append({"dataset_id": ds_names[k // len(dim_names)], "dimension": dim_names[k % len(dim_names)],
                     "n": len(v), "mean": float(v.mean()) if len(v) else None, "median": q[0], "p10": q[1],
                     "p90": q[2], "any_truncated": bool(truncated[idx].any())})
    rows.sort(key=lambda r: (r["dataset_id"], r["dimension"]))
    return pa.Table.from_pylist(rows, schema=SUMMARY_SCHEMA)


def _codes(column: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Integer codes of a string column and the strings they stand for."""
    encoded = column.combine_chunks().dictionary_encode()
    return encoded.indices.to_numpy().astype(np.int64), encoded.dictionary.to_pylist()
