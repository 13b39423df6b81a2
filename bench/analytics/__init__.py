"""Benchmark of the analytics layer at OpenDataArena's scale (see bench/analytics/run.py)."""
