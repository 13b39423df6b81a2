import random

import pytest
from scoring_fixtures import sample_row
from setwise_fixtures import shard_values


def test_near_duplicate_rate_finds_planted_near_copies():
    rnd = random.Random(5)
    vocab = [f"t{i}" for i in range(5000)]
    rows = []
    for i in range(200):
        rows.append(sample_row(" ".join(rnd.choices(vocab, k=60)), "", i))
    for j in range(20):                       # 20 near copies: one word of 60 changed (Jaccard ~0.9)
        words = rows[j]["instruction_text"].split()
        words[30] = "changed"
        rows.append(sample_row(" ".join(words), "", 200 + j))
    rows.append(sample_row(rows[50]["instruction_text"], "", 999))   # one exact copy
    res = {r["dimension"]: r["value"] for r in shard_values(rows, 3, ["near_duplicate_rate"])}
    assert res["qa_near_duplicate_rate"] == pytest.approx(42 / len(rows), abs=2 / len(rows))
    assert res["qa_exact_duplicate_rate"] == pytest.approx(2 / len(rows))
