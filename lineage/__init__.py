"""Lineage and contamination: where every dataset came from and which benchmarks it leaks.

The graph combines evidence of four kinds (declared in a catalog or dataset card, quoted from
documentation, proposed by an LLM agent with verbatim quotes, inferred from content overlap) into
one edge table; reviews by people live in their own table and are applied on read, so re-deriving
edges never overwrites a decision. The library takes samples as pyarrow tables or iterables of dicts
with the `warehouse.tables.SAMPLES` columns, so it runs with or without the rest of the arena.
"""
