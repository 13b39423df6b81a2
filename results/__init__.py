"""Benchmark results: the long results contract, and importers for published leaderboards.

Every score the arena shows, published or measured here, becomes one row of `RESULTS_SCHEMA`
(see `results.schema`), so the marts compare published numbers and local runs in one table.
"""
