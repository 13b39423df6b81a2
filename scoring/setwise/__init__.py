"""Setwise scorers: whole-dataset summaries built from mergeable, shard-invariant sketches."""
