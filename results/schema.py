"""The results contract: the lake tables published results land in, and what each column means (their
names and schemas are registered in warehouse/tables.py).

`benchmark_scores` (one row per source, base model, protocol, dataset or baseline, benchmark, metric):
- source: 'published:<name>' for an imported leaderboard file, 'local' for runs of this arena;
- base_model, protocol_id: the fine-tuning setup (ODA: one protocol per base model);
- dataset_id: the fine-tuning dataset; null for the base and instruct baselines;
- model_role: 'base', 'instruct' or 'finetuned';
- benchmark, domain (general/math/code/reasoning/science: the paper's grouping, `results.benchmarks`),
  stated_domain (the group the file put the benchmark in, null for local runs), metric;
- value on a 0-100 scale, stderr (same scale, null when unknown), n_items (benchmark items, null
  when unknown), run_id (one evaluated model; several runs of one setup are seeds);
- is_primary: the metric that counts for the benchmark in averages (one per benchmark and run).

Published files also carry their own aggregates (domain and overall averages, efficiencies) and a
dataset card; they land in `published_aggregates` and `published_datasets`, so the marts can check
that recomputing the averages from the task scores reproduces the file. ODA's per-dataset data-scorer
summaries land in `published_score_summaries`. Whatever an import could not use as given (a missing
score, a benchmark outside the suite, a seed array that does not fit its tasks) is a row of
`results_import_issues` saying what was done with it, so nothing is dropped silently.
"""
from __future__ import annotations

import re


DOMAINS = ("general", "math", "code", "reasoning", "science")
MODEL_ROLES = ("base", "instruct", "finetuned")


class ResultsFormatError(ValueError):
    """A results file that cannot be imported; the message names the file and the record."""


def slug(text: str) -> str:
    """A stable identifier for benchmark and dataset names ('HumanEval+' -> 'humaneval_plus')."""
    s = text.strip().lower().replace("+", "_plus")
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s


def source_partition(source: str) -> str:
    """The lake partition a source lands in ('published:oda-2025' -> 'published__oda-2025')."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "__", source)
