"""Pointwise heuristic scorers: no model, deterministic, built on the shared `TextStats` features."""
