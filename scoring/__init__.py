"""Scoring: per-sample and whole-set measurements of post-training data (heuristic, model, judge).

Entry points: `scoring.registry` (scorers by name), `scoring.suites` (named sets of scorers),
`scoring.runner` (score batches into long-format tables), `scoring.cli` (score a file).
"""
