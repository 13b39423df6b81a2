"""The results contract: the lake tables published results land in, and what each column means.

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

import pyarrow as pa

SCORES_TABLE = "benchmark_scores"
AGGREGATES_TABLE = "published_aggregates"
DATASETS_TABLE = "published_datasets"
SUMMARIES_TABLE = "published_score_summaries"
ISSUES_TABLE = "results_import_issues"
SUITE_TABLE = "benchmark_suite"

DOMAINS = ("general", "math", "code", "reasoning", "science")
MODEL_ROLES = ("base", "instruct", "finetuned")

SCORES_SCHEMA = pa.schema([
    ("source", pa.string()), ("base_model", pa.string()), ("protocol_id", pa.string()),
    ("dataset_id", pa.string()), ("model_role", pa.string()), ("benchmark", pa.string()),
    ("domain", pa.string()), ("metric", pa.string()), ("value", pa.float64()), ("stderr", pa.float64()),
    ("n_items", pa.int64()), ("run_id", pa.string()), ("is_primary", pa.bool_()), ("stated_domain", pa.string()),
])

AGGREGATES_SCHEMA = pa.schema([
    ("source", pa.string()), ("base_model", pa.string()), ("protocol_id", pa.string()),
    ("dataset_id", pa.string()), ("model_role", pa.string()),
    ("scope", pa.string()),   # a domain, or 'overall'
    ("kind", pa.string()),    # 'avg' or 'efficiency'
    ("value", pa.float64()),
])

DATASETS_SCHEMA = pa.schema([
    ("source", pa.string()), ("dataset_id", pa.string()), ("dataset_name", pa.string()),
    ("domain", pa.string()), ("release_year", pa.int32()), ("samples", pa.int64()), ("hub_id", pa.string()),
    ("homepage", pa.string()), ("paper", pa.string()), ("affiliation", pa.string()), ("tag", pa.string()),
])

SUMMARIES_SCHEMA = pa.schema([
    ("source", pa.string()), ("dataset_name", pa.string()),
    ("side", pa.string()),        # 'Q' (instruction only) or 'QA' (instruction and response)
    ("family", pa.string()),      # ODA's group: 'LLM-as-Judge', 'Model-based Evaluation', 'Heuristic'
    ("metric", pa.string()),      # ODA's name ('Deita Quality', 'A_Length')
    ("dimension", pa.string()),   # 'oda_<side>_<metric slug>', the name the marts use
    ("mean", pa.float64()),
    ("bins", pa.list_(pa.float64())), ("distribution", pa.list_(pa.float64())),  # percent of samples per bin
])

ISSUES_SCHEMA = pa.schema([
    ("source", pa.string()), ("origin", pa.string()), ("record", pa.string()), ("field", pa.string()),
    ("reason", pa.string()),      # a stable code: missing_score, unmapped_benchmark, seed_array_mismatch, ...
    ("action", pa.string()),      # 'dropped' (not imported) or 'kept' (imported as the detail says)
    ("detail", pa.string()),
])

SUITE_SCHEMA = pa.schema([("benchmark", pa.string()), ("benchmark_name", pa.string()), ("domain", pa.string())])


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
