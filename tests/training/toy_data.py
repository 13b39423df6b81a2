"""A toy arithmetic dataset in the shape of the samples table (warehouse.tables.SAMPLES) (right or deliberately wrong answers)."""
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


def _sample(dataset_id: str, i: int, question: str, extra: dict) -> dict:
    import json

    return {"dataset_id": dataset_id, "sample_id": f"{dataset_id}-{i:04d}", "record_index": i,
            "messages": [{"role": "user", "content": question}], "system": None, "instruction_text": question,
            "response_text": "", "n_turns": 1, "n_messages": 1, "instruction_chars": len(question),
            "response_chars": 0, "instruction_words": len(question.split()), "response_words": 0,
            "is_duplicate": False, "source_format": "toy", "extra": json.dumps(extra)}


def full_rows(rows: list[dict]) -> list[dict]:
    """Training rows completed to every column of the samples table."""
    out = []
    for r in rows:
        q = " ".join(m["content"] for m in r["messages"] if m["role"] != "assistant")
        a = " ".join(m["content"] for m in r["messages"] if m["role"] == "assistant")
        out.append({"system": None, "instruction_text": q, "response_text": a, "n_turns": 1,
                    "n_messages": len(r["messages"]), "instruction_chars": len(q), "response_chars": len(a),
                    "instruction_words": len(q.split()), "response_words": len(a.split()),
                    "source_format": "toy"} | r)
    return out


def write_toy_benchmarks(paths) -> None:
    """Lake partitions `toy_math_bench` (exact match, likelihood and final step), `toy_choice_bench`,
    `toy_code_bench`: the tiny_test suite."""
    import pyarrow as pa

    from warehouse.tables import SAMPLES
    from warehouse.lake import write_partition

    math_rows = [_sample("toy_math_bench", i, f"Tom has {i + 2} apples and buys {i + 1} more. How many?",
                         {"answer": str(2 * i + 3), "solution": f"{i + 2} + {i + 1} = {2 * i + 3}. #### {2 * i + 3}"})
                 for i in range(8)]
    choice_rows = [_sample("toy_choice_bench", i, f"What is {i} + 1?\nA. {i + 1}\nB. {i + 2}\nC. {i + 5}",
                           {"stem": f"What is {i} + 1?", "choice_texts": [str(i + 1), str(i + 2), str(i + 5)],
                            "choices": ["A", "B", "C"], "answer": "A"}) for i in range(8)]
    code_rows = [_sample("toy_code_bench", i, f"def add_{i}(x):\n    \"\"\"Return x + {i}.\"\"\"\n",
                         {"test": f"def check(f):\n    assert f(1) == {1 + i}\n", "entry_point": f"add_{i}"})
                 for i in range(4)]
    for name, rows in (("toy_math_bench", math_rows), ("toy_choice_bench", choice_rows),
                       ("toy_code_bench", code_rows)):
        write_partition(paths, "samples", name, pa.Table.from_pylist(rows, schema=SAMPLES.schema))
