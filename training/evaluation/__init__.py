"""Evaluation: benchmark suites as project-written lm-eval tasks over the ingested benchmark items, one
module per evaluation kind (offline), or standard lm-eval tasks (online); sandboxed code execution;
results as lake tables."""
