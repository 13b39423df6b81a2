"""Evaluation: benchmark suites as project-written lm-eval tasks over local files (offline), or the
standard lm-eval task names (online); sandboxed code execution; results as lake tables."""
