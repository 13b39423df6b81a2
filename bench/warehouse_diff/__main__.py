"""Compare two warehouses table by table: same tables, same columns, same rows.

    python -m bench.warehouse_diff BEFORE.duckdb AFTER.duckdb [--rename old=new ...] [--all]

A restructuring of the code must leave the demo warehouse's marts unchanged. This compares every mart
(`fct_*`, `dim_*`; every relation with --all) of two warehouse files (or published snapshots): which
relations exist on one side only, which columns changed, and, for the rest, the rows only one side has
(multiset difference, both ways). Doubles are compared rounded to 6 decimals. Columns that record when
or how long something ran (timestamps, `*_at`, `*_s`, paths) differ on every run and are left out;
they are listed. Exit status 1 when anything differs.
"""
from __future__ import annotations

import argparse
import re
import sys

import duckdb

VOLATILE_NAME = re.compile(r"(_at|_s|_seconds|_path|^path|_time)$")
VOLATILE_TYPES = ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIME")


def relations(con, alias: str, everything: bool) -> dict[str, dict[str, str]]:
    rows = con.execute(f"""select table_name, column_name, data_type from information_schema.columns
                           where table_catalog = '{alias}' and table_schema = 'main' order by ordinal_position""").fetchall()
    out: dict[str, dict[str, str]] = {}
    for table, column, dtype in rows:
        if everything or table.startswith(("fct_", "dim_")):
            out.setdefault(table, {})[column] = dtype
    return out


def _expr(column: str, dtype: str) -> str:
    quoted = f'"{column}"'
    if dtype in ("DOUBLE", "FLOAT", "REAL") or dtype.startswith("DECIMAL"):
        # + 0.0 turns a rounded -0.0 (float noise around zero) into 0.0
        return f"(round({quoted}::double, 6) + 0.0)::varchar"
    return f"{quoted}::varchar"


def compare(before: str, after: str, renames: dict[str, str], everything: bool) -> int:
    con = duckdb.connect()
    con.execute(f"attach '{before}' as a (read_only)")
    con.execute(f"attach '{after}' as b (read_only)")
    rel_a, rel_b = relations(con, "a", everything), relations(con, "b", everything)
    differing = 0
    for old in sorted(rel_a):
        new = renames.get(old, old)
        if new not in rel_b:
            print(f"MISSING  {old}: not in the second warehouse")
            differing += 1
            continue
        cols_a, cols_b = rel_a[old], rel_b[new]
        shared = [c for c in cols_a if c in cols_b]
        volatile = [c for c in shared if VOLATILE_NAME.search(c) or cols_a[c] in VOLATILE_TYPES]
        compared = [c for c in shared if c not in volatile]
        changed_cols = sorted(set(cols_a) ^ set(cols_b))
        sel_a = ", ".join(_expr(c, cols_a[c]) for c in compared) or "1"
        sel_b = ", ".join(_expr(c, cols_b[c]) for c in compared) or "1"
        only_a = con.execute(f'select count(*) from (select {sel_a} from a.main."{old}" except all '
                             f'select {sel_b} from b.main."{new}")').fetchone()[0]
        only_b = con.execute(f'select count(*) from (select {sel_b} from b.main."{new}" except all '
                             f'select {sel_a} from a.main."{old}")').fetchone()[0]
        n_a = con.execute(f'select count(*) from a.main."{old}"').fetchone()[0]
        label = old if new == old else f"{old} -> {new}"
        if only_a or only_b or changed_cols:
            differing += 1
            print(f"DIFFERS  {label}: {n_a} rows; {only_a} only before, {only_b} only after"
                  + (f"; columns on one side only: {', '.join(changed_cols)}" if changed_cols else ""))
        else:
            print(f"same     {label}: {n_a} rows, {len(compared)} columns"
                  + (f" (not compared: {', '.join(volatile)})" if volatile else ""))
    for new in sorted(set(rel_b) - {renames.get(o, o) for o in rel_a}):
        print(f"NEW      {new}: only in the second warehouse")
    print(f"\n{len(rel_a) - differing} of {len(rel_a)} relations identical")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.warehouse_diff", description=__doc__.splitlines()[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--rename", action="append", default=[], metavar="OLD=NEW", help="a relation renamed in between")
    ap.add_argument("--all", action="store_true", help="every relation, not only the marts")
    args = ap.parse_args(argv)
    renames = dict(r.split("=", 1) for r in args.rename)
    return compare(args.before, args.after, renames, args.all)


if __name__ == "__main__":
    sys.exit(main())
