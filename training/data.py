"""From normalized samples (lake table `samples`) to the conversations a protocol trains on.

The selection is part of a run's identity, so it is deterministic: duplicates inside the dataset are
dropped (they would weigh a sample twice), samples without an assistant turn are rejected with the
dataset and record named, and a sample cap keeps the samples whose seeded hash of `sample_id` is
smallest (a uniform random subset that does not depend on file order). Training order is shuffled by
the trainer with the protocol's seed.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa

TRAIN_ROLES = ("system", "user", "assistant", "tool")


@dataclass(frozen=True)
class TrainingSet:
    dataset_id: str
    sample_ids: list[str]
    conversations: list[list[dict[str, str]]]
    n_available: int      # unique, usable samples before the cap
    n_duplicates: int

    def __len__(self) -> int:
        return len(self.sample_ids)


def _rows(samples: pa.Table | Iterable[dict]) -> Iterable[dict]:
    if isinstance(samples, pa.Table):
        cols = [c for c in ("dataset_id", "sample_id", "record_index", "messages", "is_duplicate")
                if c in samples.column_names]
        return samples.select(cols).to_pylist()
    return samples


def select_training_set(samples: pa.Table | Iterable[dict], *, dataset_id: str, sample_cap: int | None,
                        seed: int) -> TrainingSet:
    """Deterministic training subset of one dataset's normalized samples."""
    seen: set[str] = set()
    kept: list[tuple[str, list[dict[str, str]]]] = []
    dups = 0
    for row in _rows(samples):
        sid = row["sample_id"]
        if row.get("is_duplicate") or sid in seen:
            dups += 1
            continue
        seen.add(sid)
        messages = []
        for m in row["messages"] or []:
            role, content = m["role"], m["content"]
            if role not in TRAIN_ROLES:
                raise ValueError(f"dataset '{dataset_id}' record {row.get('record_index')} (sample {sid}): "
                                 f"unknown role {role!r}")
            messages.append({"role": role, "content": content or ""})
        if not any(m["role"] == "assistant" and m["content"].strip() for m in messages):
            raise ValueError(f"dataset '{dataset_id}' record {row.get('record_index')} (sample {sid}): "
                             "no non-empty assistant turn to train on")
        kept.append((sid, messages))
    if not kept:
        raise ValueError(f"dataset '{dataset_id}': no samples to train on")
    n_available = len(kept)

    def order(item: tuple[str, list]) -> str:
        return hashlib.sha256(f"{seed}:{item[0]}".encode()).hexdigest()

    kept.sort(key=order)
    if sample_cap is not None:
        kept = kept[:sample_cap]
    return TrainingSet(dataset_id=dataset_id, sample_ids=[s for s, _ in kept],
                       conversations=[m for _, m in kept], n_available=n_available, n_duplicates=dups)
