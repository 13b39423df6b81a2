"""Writing benchmarks as local lm-eval tasks: documents to JSONL, one declarative task YAML each.

lm-eval reads them through `TaskManager(include_path=folder)` with `dataset_path: json` over the
local file, so evaluation needs no hub access. Prompts are the bare question (the user turn, as in the
training data) and the chat template is applied by lm-eval from the model's tokenizer, i.e. the
protocol's template. Task names carry an `arena_` prefix so they never shadow lm-eval's own tasks.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from training.evaluation.benchmarks import Benchmark

HOOKS_MODULE = "arena_task_hooks"
PRIMARY_METRIC = {"math": "exact_match", "math_likelihood": "gold_logprob", "math_final_step": "final_logprob",
                  "multiple_choice": "acc",
                  "code": "pass_at_1"}


class _Function(str):
    """A YAML scalar emitted with lm-eval's `!function` tag."""


yaml.SafeDumper.add_representer(_Function, lambda d, v: d.represent_scalar("!function", str(v)))


def task_name(bench: Benchmark) -> str:
    return f"arena_{bench.name}"


def _spec(bench: Benchmark, data_file: Path, max_gen_toks: int) -> dict:
    base = {"task": task_name(bench), "dataset_path": "json",
            "dataset_kwargs": {"data_files": {"test": str(data_file)}}, "test_split": "test",
            "num_fewshot": 0, "metadata": {"version": 1, "benchmark": bench.name}}
    if bench.kind == "math":
        return base | {
            "output_type": "generate_until", "doc_to_text": "{{prompt}}", "doc_to_target": "{{answer}}",
            "generation_kwargs": {"until": ["<|im_end|>", "<|endoftext|>"], "do_sample": False,
                                  "max_gen_toks": max_gen_toks},
            "process_results": _Function(f"{HOOKS_MODULE}.process_math"),
            "metric_list": [{"metric": "exact_match", "aggregation": "mean", "higher_is_better": True},
                            {"metric": "strict_match", "aggregation": "mean", "higher_is_better": True}]}
    if bench.kind == "math_likelihood":
        return base | {
            "output_type": "loglikelihood", "doc_to_text": "{{prompt}}", "doc_to_target": "{{solution}}",
            "target_delimiter": "",
            "process_results": _Function(f"{HOOKS_MODULE}.process_likelihood"),
            "metric_list": [{"metric": "gold_logprob", "aggregation": "mean", "higher_is_better": True},
                            {"metric": "gold_greedy", "aggregation": "mean", "higher_is_better": True}]}
    if bench.kind == "math_final_step":
        # the reasoning is prefilled as the assistant's turn (lm-eval's gen_prefix), the final step scored
        return base | {
            "output_type": "loglikelihood", "doc_to_text": "{{prompt}}", "gen_prefix": "{{reasoning}}",
            "doc_to_target": "{{final}}", "target_delimiter": "",
            "process_results": _Function(f"{HOOKS_MODULE}.process_final_step"),
            "metric_list": [{"metric": "final_logprob", "aggregation": "mean", "higher_is_better": True},
                            {"metric": "final_greedy", "aggregation": "mean", "higher_is_better": True}]}
    if bench.kind == "multiple_choice":
        return base | {
            "output_type": "multiple_choice", "doc_to_text": "Question: {{prompt}}\nAnswer:",
            "doc_to_choice": "choices", "doc_to_target": "gold",
            "metric_list": [{"metric": "acc", "aggregation": "mean", "higher_is_better": True},
                            {"metric": "acc_norm", "aggregation": "mean", "higher_is_better": True}]}
    if bench.kind == "code":
        return base | {
            "output_type": "generate_until",
            "doc_to_text": "Complete the following Python function.\n\n```python\n{{prompt}}```",
            "doc_to_target": "{{entry_point}}",
            "generation_kwargs": {"until": ["<|im_end|>", "<|endoftext|>"], "do_sample": False,
                                  "max_gen_toks": max_gen_toks},
            "process_results": _Function(f"{HOOKS_MODULE}.process_code"),
            "metric_list": [{"metric": "pass_at_1", "aggregation": "mean", "higher_is_better": True}]}
    raise ValueError(f"benchmark '{bench.name}': kind {bench.kind!r} has no local task")


def write_task(bench: Benchmark, docs: list[dict], folder: Path, max_gen_toks: int = 256) -> str:
    """Write the documents and the task YAML into `folder`; return the task name."""
    folder.mkdir(parents=True, exist_ok=True)
    hooks = folder / f"{HOOKS_MODULE}.py"
    if not hooks.exists():
        hooks.write_text('"""lm-eval `!function` hooks of the arena\'s local tasks (see training.evaluation.scoring)."""\n'
                         "from training.evaluation.scoring import process_code, process_final_step, "
                         "process_likelihood, process_math  # noqa: F401\n")
    data_file = folder / f"{bench.name}.jsonl"
    with open(data_file, "w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc) + "\n")
    (folder / f"{bench.name}.yaml").write_text(yaml.safe_dump(_spec(bench, data_file, max_gen_toks), sort_keys=False))
    return task_name(bench)
