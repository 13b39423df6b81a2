"""Load Hugging Face models once per process, on the best device, for inference only.

Short names ("smollm2", "minilm") resolve to the offline copies (`common.local_models`); anything else is a Hub
id or local folder handed to `from_pretrained`, so any causal LM, reward model or classifier works.
Models are cached per (class, name, device) with `lru_cache`: Dagster's multiprocess executor runs one
process per step, and within a process every scorer that names the same model shares one copy.
"""
from __future__ import annotations

import functools


def device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


@functools.lru_cache(maxsize=None)
def load_model(kind: str, name: str):
    """(tokenizer, model) for `kind` in {'causal-lm', 'sequence-classification'}."""
    import torch
    from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer

    from common.local_models import resolve_model

    path = resolve_model(name)
    cls = {"causal-lm": AutoModelForCausalLM, "sequence-classification": AutoModelForSequenceClassification}[kind]
    dev = device()
    dtype = torch.bfloat16 if dev == "cuda" else torch.float32
    tok = AutoTokenizer.from_pretrained(path)
    model = cls.from_pretrained(path, dtype=dtype).to(dev).eval()
    if tok.pad_token_id is None:
        tok.pad_token = tok.eos_token or tok.unk_token
    return tok, model


def length_sorted_batches(lengths: list[int], batch_size: int | None, max_tokens: int | None = None) -> list[list[int]]:
    """Indices grouped into batches of similar length (longest first), so padding is minimal; with
    `max_tokens`, a batch also stays under that many padded tokens (its width, the longest row, times
    its rows: a token budget that counts padding); `batch_size` None = no row cap."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches, current = [], []
    for i in order:
        width = lengths[current[0]] if current else lengths[i]
        full = batch_size is not None and len(current) >= batch_size
        if current and (full or (max_tokens and width * (len(current) + 1) > max_tokens)):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def pad_batch(rows: list[list[int]], pad_id: int, labels: list[list[int]] | None = None):
    """Right-padded input_ids, attention_mask (and labels padded with -100) as tensors."""
    import torch

    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    lab = torch.full((len(rows), width), -100, dtype=torch.long) if labels is not None else None
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
        mask[i, : len(r)] = 1
        if labels is not None:
            lab[i, : len(r)] = torch.tensor(labels[i])
    return ids, mask, lab
