import numpy as np
import pytest
import torch
from models_cases import score
from scoring_fixtures import sample_row

from scoring import registry


def test_reward_model_pair_encoding_and_windows(tiny_classifiers):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    rm = registry.create("reward_model", model=tiny_classifiers["rm"], max_length=64, window=24)
    rm.ensure_ready()
    tok = AutoTokenizer.from_pretrained(tiny_classifiers["rm"])
    model = AutoModelForSequenceClassification.from_pretrained(tiny_classifiers["rm"]).eval()

    def direct(q, a):
        with torch.inference_mode():
            return float(model(**tok(q, a, return_tensors="pt")).logits[0, 0])

    long_a = " ".join(f"word{i}" for i in range(60))
    rows = [sample_row("short question", "short answer", 0), sample_row("another one", "yes indeed", 1),
            sample_row("summarize", long_a, 2)]
    res = score(rm, rows)
    assert res.values["reward"][0] == pytest.approx(direct("short question", "short answer"), abs=1e-5)
    assert res.values["reward"][1] == pytest.approx(direct("another one", "yes indeed"), abs=1e-5)
    a_ids = tok(long_a, add_special_tokens=False)["input_ids"]
    chunks = [tok.decode(a_ids[s:s + 24]) for s in range(0, len(a_ids), 24)]
    assert res.windows[2] == len(chunks) > 1 and not res.truncated[2]
    assert res.values["reward"][2] == pytest.approx(np.mean([direct("summarize", c) for c in chunks]), abs=1e-5)


def test_reward_model_with_a_chat_template(tiny_llamas):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    rm = registry.create("reward_model", model=tiny_llamas["rm"], max_length=512)
    rm.ensure_ready()
    assert rm.use_template
    tok = AutoTokenizer.from_pretrained(tiny_llamas["rm"])
    model = AutoModelForSequenceClassification.from_pretrained(tiny_llamas["rm"]).eval()
    rows = [sample_row("What is 2+2?", "4", 0), sample_row("Name a color.", "Blue, like the sky.", 1)]
    res = score(rm, rows)
    for i, r in enumerate(rows):
        ids = tok.apply_chat_template([{"role": "user", "content": r["instruction_text"]},
                                       {"role": "assistant", "content": r["response_text"]}], tokenize=True)
        ids = ids["input_ids"] if hasattr(ids, "keys") else ids
        with torch.inference_mode():
            want = float(model(input_ids=torch.tensor([list(ids)])).logits[0, 0])
        assert res.values["reward"][i] == pytest.approx(want, abs=1e-4)
