"""A batch of normalized samples as scorers see it: plain Python columns of the `samples` table.

Scorers read columns, never rows, so a batch converts once from Arrow (or a list of dicts with the
columns of warehouse.tables.SAMPLES, as tests and the file CLI produce) and every scorer shares it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

REQUIRED = ("dataset_id", "sample_id", "record_index", "instruction_text", "response_text")
OPTIONAL = ("messages", "system", "n_turns", "n_messages")


@dataclass
class SampleBatch:
    dataset_id: list[str]
    sample_id: list[str]
    record_index: list[int]
    instruction_text: list[str]
    response_text: list[str]
    messages: list[list[dict]]
    system: list[str | None]
    n_turns: list[int]
    n_messages: list[int]

    def __len__(self) -> int:
        return len(self.sample_id)

    def side_text(self, side: str) -> list[str]:
        """Text of one side: Q = instruction side, A = response side, QA = both joined by a blank line."""
        if side == "Q":
            return self.instruction_text
        if side == "A":
            return self.response_text
        if side == "QA":
            return [f"{q}\n\n{a}" for q, a in zip(self.instruction_text, self.response_text)]
        raise ValueError(f"unknown side '{side}' (expected Q, A or QA)")

    def where(self, i: int) -> str:
        """Human-readable location of sample i for error messages."""
        return f"dataset '{self.dataset_id[i]}' record {self.record_index[i]} (sample {self.sample_id[i][:12]})"

    def slice(self, start: int, stop: int) -> "SampleBatch":
        return SampleBatch(**{k: getattr(self, k)[start:stop] for k in self.__dataclass_fields__})

    def take(self, indices: list[int]) -> "SampleBatch":
        return SampleBatch(**{k: [getattr(self, k)[i] for i in indices] for k in self.__dataclass_fields__})

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]]) -> "SampleBatch":
        if not rows:
            return cls([], [], [], [], [], [], [], [], [])
        missing = [c for c in REQUIRED if c not in rows[0]]
        if missing:
            raise ValueError(f"samples lack required columns {missing}; have {sorted(rows[0])}")
        cols = {c: [r.get(c) for r in rows] for c in REQUIRED + OPTIONAL}
        return cls._build(cols)

    @classmethod
    def from_arrow(cls, table: pa.Table | pa.RecordBatch) -> "SampleBatch":
        missing = [c for c in REQUIRED if c not in table.schema.names]
        if missing:
            raise ValueError(f"samples lack required columns {missing}; have {table.schema.names}")
        cols = {c: (table.column(c).to_pylist() if c in table.schema.names else [None] * table.num_rows)
                for c in REQUIRED + OPTIONAL}
        return cls._build(cols)

    @classmethod
    def _build(cls, cols: dict[str, list]) -> "SampleBatch":
        n = len(cols["sample_id"])
        for i in range(n):
            for c in ("instruction_text", "response_text"):
                if cols[c][i] is None:
                    cols[c][i] = ""
            if cols["sample_id"][i] is None:
                raise ValueError(f"dataset '{cols['dataset_id'][i]}' record {cols['record_index'][i]}: "
                                 "sample_id is null")
        messages = [m if m is not None else _messages_from_sides(q, a)
                    for m, q, a in zip(cols["messages"], cols["instruction_text"], cols["response_text"])]
        n_turns = [t if t is not None else sum(1 for x in m if x["role"] == "user")
                   for t, m in zip(cols["n_turns"], messages)]
        n_messages = [t if t is not None else len(m) for t, m in zip(cols["n_messages"], messages)]
        return cls(
            dataset_id=[str(x) for x in cols["dataset_id"]],
            sample_id=[str(x) for x in cols["sample_id"]],
            record_index=[int(x) for x in cols["record_index"]],
            instruction_text=cols["instruction_text"],
            response_text=cols["response_text"],
            messages=messages,
            system=cols["system"],
            n_turns=n_turns,
            n_messages=n_messages,
        )


def _messages_from_sides(q: str, a: str) -> list[dict]:
    return [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
