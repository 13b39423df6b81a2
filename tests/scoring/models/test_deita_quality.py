import pytest
import torch
from models_cases import score
from scoring_fixtures import sample_row

from scoring import registry


def test_deita_quality_truncates_explicitly(tiny_llamas):
    from scoring.models.deita import QUALITY_PROMPT

    s = registry.create("deita_quality", model=tiny_llamas["lm"], max_length=96)
    s.ensure_ready()
    long_answer = " ".join(f"step{i}" for i in range(200))
    res = score(s, [sample_row("Solve it.", "Done.", 0), sample_row("Solve it.", long_answer, 1)])
    assert list(res.truncated) == [False, True]
    ids, cut = s.prompt_ids("Solve it.", long_answer)
    assert cut and len(ids) <= 96
    short = s.tok(QUALITY_PROMPT.format(instruction="Solve it.", output="Done."))["input_ids"]
    with torch.inference_mode():
        p = torch.softmax(s.model(input_ids=torch.tensor([short])).logits[0, -1][s.digit_ids], -1)
    assert res.values["deita_quality"][0] == pytest.approx(float((p * torch.arange(1, 7)).sum()), rel=1e-5)
    assert all(1 <= v <= 6 for v in res.values["deita_quality"])
