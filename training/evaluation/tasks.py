"""Writing benchmarks as local lm-eval tasks: documents to JSONL, one declarative task YAML each.

lm-eval reads them through `TaskManager(include_path=folder)` with `dataset_path: json` over the
local file, so evaluation needs no hub access. Prompts are the bare question (the user turn, as in the
training data) and the chat template is applied by lm-eval from the model's tokenizer, i.e. the
protocol's template. What a task asks and how it scores is its kind's (training.evaluation.kinds);
the per-item hooks are imported through a module written beside the tasks (lm-eval resolves
`!function` names in the task's folder). Task names carry an `arena_` prefix so they never shadow
lm-eval's own tasks.
"""
from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path

import yaml

from training.evaluation.benchmarks import Benchmark
from training.evaluation.kinds import hooks_module_source

HOOKS_MODULE = "arena_task_hooks"
# lm-eval tasks the project writes for benchmarks of ODA's suite that lm-eval has no task for
ODA_TASKS_DIR = Path(__file__).with_name("oda_tasks")
ONLINE_GROUP = "arena_online"


class _Function(str):
    """A YAML scalar emitted with lm-eval's `!function` tag."""


yaml.SafeDumper.add_representer(_Function, lambda d, v: d.represent_scalar("!function", str(v)))


def task_name(bench: Benchmark) -> str:
    return f"arena_{bench.name}"


def task_spec(bench: Benchmark, data_file: Path, max_gen_toks: int) -> dict:
    """The task YAML of a local benchmark: zero-shot over the JSONL file, the kind's fields."""
    kind = bench.eval_kind
    spec = {"task": task_name(bench), "dataset_path": "json",
            "dataset_kwargs": {"data_files": {"test": str(data_file)}}, "test_split": "test",
            "num_fewshot": 0, "metadata": {"version": 1, "benchmark": bench.name}}
    spec |= kind.task_fields(max_gen_toks)
    if kind.process_results is not None:
        spec["process_results"] = _Function(f"{HOOKS_MODULE}.{kind.hook_name}")
    return spec


def write_task(bench: Benchmark, docs: list[dict], folder: Path, max_gen_toks: int = 256) -> str:
    """Write the documents and the task YAML into `folder`; return the task name."""
    folder.mkdir(parents=True, exist_ok=True)
    hooks = folder / f"{HOOKS_MODULE}.py"
    if not hooks.exists():
        hooks.write_text(hooks_module_source())
    data_file = folder / f"{bench.name}.jsonl"
    with open(data_file, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(doc) + "\n" for doc in docs)
    (folder / f"{bench.name}.yaml").write_text(yaml.safe_dump(task_spec(bench, data_file, max_gen_toks),
                                                               sort_keys=False))
    return task_name(bench)


def write_online_group(benchmarks: list[Benchmark], folder: Path, groups: Collection[str] | None = None) -> str:
    """Write a group of the benchmarks' standard lm-eval tasks, each with its benchmark's shots (a
    group member may override a task's settings; `simple_evaluate` takes one shot count for all),
    into `folder`; return the group's name. Members keep their task names in the results.

    A task that is itself an lm-eval group (agieval, mmlu_pro, bbh) is a `group:` member: lm-eval 0.4.13
    passes a `task:` member's whole mapping, its `task` key included, down to each of a group's
    subtasks, which then all take the group's name and collapse into one. `groups` are lm-eval's
    group names, looked up in its task index (seconds) when not given."""
    if groups is None:
        from lm_eval.tasks import TaskManager

        groups = TaskManager().all_groups
    groups = set(groups)
    folder.mkdir(parents=True, exist_ok=True)
    members = [{"group" if (name := b.online_task_or_explain()) in groups else "task": name}
               | ({"num_fewshot": b.num_fewshot} if b.num_fewshot is not None else {})
               for b in benchmarks]
    (folder / f"{ONLINE_GROUP}.yaml").write_text(yaml.safe_dump({"group": ONLINE_GROUP, "task": members,
                                                                  "metadata": {"version": 1}}, sort_keys=False))
    return ONLINE_GROUP
