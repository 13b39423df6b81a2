"""Evaluating one model under a protocol on its benchmark suite with lm-eval, into result rows.

The model is loaded with the protocol's chat template (the one it was trained with), greedy decoding,
zero-shot. Backend: vLLM when it is installed and a GPU is present (fast batched generation), else
lm-eval's Hugging Face model. Offline (`mode='local'`) each benchmark is a project-written task over its
ingested items, asked and scored as its kind says; online (`mode='online'`) the standard lm-eval tasks
(and the project's for ODA benchmarks lm-eval lacks, training/evaluation/oda_tasks/) are used instead,
each at its benchmark's shot count.

Output: one metric row per (benchmark, metric, filter) with stderr and n, and one prediction row per
item (prompt, response, gold, the item's metric values) for inspection.
"""
from __future__ import annotations

import importlib.util
import json
import math
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from training.evaluation.benchmarks import Benchmark, SuiteItem, load_documents
from training.evaluation.kinds import EvalKind
from training.evaluation.kinds.base import generated_text
from training.evaluation.tasks import ODA_TASKS_DIR, write_online_group, write_task
from warehouse.paths import ArenaPaths


@dataclass
class EvalOutput:
    metrics: list[dict]
    predictions: list[dict]
    backend: str
    wall_s: float


def _backend(location: str, chat_template: str, batch_size: int, max_length: int, precision: str):
    import torch

    from training.models import effective_precision, load_tokenizer

    if torch.cuda.is_available() and importlib.util.find_spec("vllm") is not None:
        from lm_eval.models.vllm_causallms import VLLM

        # the saved tokenizer carries the protocol's template (baselines are saved with it too)
        return VLLM(pretrained=location, dtype="bfloat16", max_model_len=max_length, batch_size="auto"), "vllm"
    from lm_eval.models.huggingface import HFLM
    from transformers import AutoModelForCausalLM

    tokenizer = load_tokenizer(location, chat_template)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    # inference needs no float32 master copy: bf16 weights wherever the device computes bf16 natively
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(effective_precision(precision, device),
                                                                torch.float32)
    model = AutoModelForCausalLM.from_pretrained(location, dtype=dtype).to(device).eval()
    # logits_cache off: lm-eval groups requests whose context + continuation tokens coincide and scores
    # them all at the first one's context length, so the final-step task (context = prompt + reasoning)
    # got the whole-solution task's positions (same tokens) and a wrong log-likelihood
    return HFLM(pretrained=model, tokenizer=tokenizer, batch_size=batch_size, device=device,
                max_length=max_length, logits_cache=False), "hf"


def _float(x):
    if x is None or isinstance(x, str):
        return None
    x = float(x)
    return None if math.isnan(x) else x


def _prompt(sample: dict) -> str:
    """The prompt of one logged lm-eval sample (its first request's context)."""
    args = sample.get("arguments") or []
    first = args[0] if args else None
    return first[0] if isinstance(first, (list, tuple)) else str(first)


def leaf_tasks(results: dict, name: str) -> list[str]:
    """The tasks whose items make up `name` in lm-eval's results: the task itself, or, for a group
    (agieval, mmlu_pro, bbh), the tasks under it, nested groups flattened, in lm-eval's order."""
    subtasks = (results.get("group_subtasks") or {}).get(name)
    if not subtasks:
        return [name]
    return [leaf for sub in subtasks for leaf in leaf_tasks(results, sub)]


def collect_results(results: dict, kinds: dict[str, tuple[Benchmark, EvalKind | None]]) -> tuple[list[dict], list[dict]]:
    """Metric rows and per-item prediction rows of each benchmark from `simple_evaluate`'s output.

    A benchmark that is an lm-eval group reports its aggregate metrics under its own name while its
    items and counts sit under its subtasks: n is their sum, and its items are numbered in order over
    the subtasks (item ids name the subtask), so a group's items pair across runs like a task's."""
    metrics, predictions = [], []
    for name, (bench, kind) in kinds.items():
        res = results["results"].get(name, {})
        leaves = leaf_tasks(results, name)
        n = sum(int((results.get("n-samples", {}).get(leaf) or {}).get("effective", 0)) for leaf in leaves)
        for key, value in res.items():
            if "," not in key or "_stderr," in key:
                continue
            metric, filt = key.split(",", 1)
            if _float(value) is None:
                continue
            metrics.append({"benchmark": bench.name, "task": name, "domain": bench.domain, "metric": metric,
                            "filter": filt, "value": _float(value),
                            "stderr": _float(res.get(f"{metric}_stderr,{filt}")), "n": n})
        index = 0
        for leaf in leaves:
            for s in sorted(results.get("samples", {}).get(leaf, []), key=lambda s: int(s["doc_id"])):
                item_metrics = {m: _float(s[m]) for m in s.get("metrics", []) if m in s}
                item_id = str(s["doc"].get("id", s["doc_id"]))
                predictions.append({
                    "benchmark": bench.name, "item_index": index if leaf != name else int(s["doc_id"]),
                    "item_id": item_id if leaf == name else f"{leaf}/{item_id}",
                    "prompt": _prompt(s), "response": kind.response(s) if kind else generated_text(s),
                    "target": str(s.get("target")),
                    "correct": item_metrics.get(kind.primary_metric) if kind else None,
                    "metrics_json": json.dumps(item_metrics)})
                index += 1
    return metrics, predictions


def evaluate_model(location: str, chat_template: str, suite: list[SuiteItem], paths: ArenaPaths, *,
                   mode: str = "local", batch_size: int = 16, max_length: int = 2048,
                   max_gen_toks: int = 256, precision: str = "bf16", workdir: Path | None = None) -> EvalOutput:
    import datasets
    import lm_eval
    import transformers
    from lm_eval.tasks import TaskManager

    # lm-eval's own per-request progress bars stay; the loading bars of every task file and checkpoint
    # would bury them
    datasets.disable_progress_bars()
    transformers.utils.logging.disable_progress_bar()
    start = time.time()
    with tempfile.TemporaryDirectory(prefix="arena-tasks-") as tmp:
        folder = Path(workdir or tmp)
        tasks, limits = [], {}
        kinds: dict[str, tuple[Benchmark, EvalKind | None]] = {}
        for item in suite:
            b = item.benchmark
            if mode == "online":
                name = b.online_task_or_explain()
                limits[name] = item.limit
            elif mode == "local":
                name = write_task(b, load_documents(b, paths, item.limit), folder, max_gen_toks)
            else:
                raise ValueError(f"mode must be 'local' or 'online', got {mode!r}")
            tasks.append(name)
            kinds[name] = (b, b.eval_kind if mode == "local" else None)
        if mode == "online":
            # one group over the standard tasks, each at its benchmark's shots
            tasks = [write_online_group([i.benchmark for i in suite], folder)]
        lm, backend = _backend(location, chat_template, batch_size, max_length, precision)
        limit_values = {v for v in limits.values()}
        include = [str(folder)] + ([str(ODA_TASKS_DIR)] if mode == "online" else [])
        results = lm_eval.simple_evaluate(
            model=lm, tasks=tasks, task_manager=TaskManager(include_path=include),
            apply_chat_template=True, log_samples=True, num_fewshot=None if mode == "online" else 0,
            limit=next(iter(limit_values)) if len(limit_values) == 1 else None,
            # greedy decoding on every generating task online (lm-eval merges it into each task's settings;
            # the local tasks decode greedily by their own)
            gen_kwargs={"do_sample": False, "temperature": 0.0} if mode == "online" else None,
            confirm_run_unsafe_code=mode == "online", random_seed=0, numpy_random_seed=0, torch_random_seed=0,
            fewshot_random_seed=0)
    metrics, predictions = collect_results(results, kinds)
    return EvalOutput(metrics=metrics, predictions=predictions, backend=backend, wall_s=round(time.time() - start, 3))
