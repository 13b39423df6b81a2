"""Kind `multiple_choice`: each option's text scored by log-likelihood after the bare question
(lm-eval's multiple_choice output; `acc` and length-normalized `acc_norm`), as lm-eval's ARC and MMLU
tasks score them.

Items come from ingest's multiple-choice formats (ARC, MMLU), whose `extra` keeps the question as
written (`stem`), the option texts (`choice_texts`), their labels (`choices`) and the gold label
(`answer`).
"""
from __future__ import annotations

from training.evaluation.kinds.base import BenchmarkItem, EvalKind, metrics


def _document(item: BenchmarkItem) -> dict:
    stem, texts, labels, answer = item.need("stem", "choice_texts", "choices", "answer")
    if len(texts) != len(labels) or answer not in labels:
        raise ValueError(f"{item.where}: gold label {answer!r} is not one of the labels {labels} of "
                         f"{len(texts)} options")
    return {"id": item.sample_id, "prompt": stem, "choices": list(texts), "gold": labels.index(answer)}


def _task_fields(max_gen_toks: int) -> dict:
    return {"output_type": "multiple_choice", "doc_to_text": "Question: {{prompt}}\nAnswer:",
            "doc_to_choice": "choices", "doc_to_target": "gold", "metric_list": metrics("acc", "acc_norm")}


def chosen_option(sample: dict) -> str:
    """The index of the option the model scored highest, as text."""
    scores = [r[0][0] if isinstance(r[0], (list, tuple)) else r[0] for r in sample["resps"]]
    return str(max(range(len(scores)), key=scores.__getitem__)) if scores else ""


KIND = EvalKind(name="multiple_choice", primary_metric="acc", document=_document, task_fields=_task_fields,
                response=chosen_option)
