"""A toy arithmetic dataset in the SAMPLE_SCHEMA shape (right or deliberately wrong answers)."""
from __future__ import annotations


def toy_rows(dataset_id: str, n: int, *, wrong: bool = False, offset: int = 0) -> list[dict]:
    rows = []
    for i in range(offset, offset + n):
        a, b = i % 17 + 2, (i * 7) % 13 + 1
        answer = a + b + (3 if wrong else 0)
        rows.append({
            "dataset_id": dataset_id, "sample_id": f"{dataset_id}-{i:04d}", "record_index": i - offset,
            "messages": [{"role": "user", "content": f"Tom has {a} apples and buys {b} more. How many?"},
                         {"role": "assistant", "content": f"{a} + {b} = {answer}. #### {answer}"}],
            "is_duplicate": False,
            "extra": "{}",
        })
    return rows
