import pytest
import torch
from models_cases import score
from scoring_fixtures import sample_row

from scoring import registry


def test_toxicity_probability_and_max_over_windows(tiny_classifiers):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tox = registry.create("toxicity", model=tiny_classifiers["tox"], window=16)
    tox.ensure_ready()
    assert tox.toxic_idx == [1]
    tok = AutoTokenizer.from_pretrained(tiny_classifiers["tox"])
    model = AutoModelForSequenceClassification.from_pretrained(tiny_classifiers["tox"]).eval()

    def direct(ids):
        with torch.inference_mode():
            return float(torch.softmax(model(input_ids=torch.tensor([ids])).logits[0], -1)[1])

    text = " ".join(f"token{i}" for i in range(40))
    res = score(tox, [sample_row("q", "a friendly reply", 0), sample_row("q", text, 1)])
    assert res.values["toxicity"][0] == pytest.approx(direct(tok("a friendly reply")["input_ids"]), abs=1e-5)
    long_ids = tok(text, add_special_tokens=False)["input_ids"]
    windows = [tok(tok.decode(long_ids[s:s + 14]))["input_ids"] for s in range(0, len(long_ids), 14)]
    assert res.windows[1] == len(windows) > 1
    assert res.values["toxicity"][1] == pytest.approx(max(direct(w) for w in windows), abs=1e-5)


def test_toxicity_refuses_a_model_without_toxic_labels(tiny_classifiers):
    s = registry.create("toxicity", model=tiny_classifiers["rm"])
    with pytest.raises(ValueError, match="no toxic label"):
        s.ensure_ready()
