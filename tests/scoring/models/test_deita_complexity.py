import pytest
import torch
from models_cases import score
from scoring_fixtures import sample_row

from scoring import registry
from scoring.models.deita import COMPLEXITY_PROMPT


def test_deita_complexity_with_offline_smollm2_matches_manual_expectation():
    s = registry.create("deita_complexity", model="smollm2")
    s.ensure_ready()
    rows = [sample_row("Prove that there are infinitely many primes.", ""), sample_row("Say hi.", "")]
    res = score(s, rows).values["deita_complexity"]
    for i, r in enumerate(rows):
        ids = s.tok(COMPLEXITY_PROMPT.format(instruction=r["instruction_text"]))["input_ids"]
        with torch.inference_mode():
            logits = s.model(input_ids=torch.tensor([ids])).logits[0, -1]
        p = torch.softmax(logits[s.digit_ids], -1)
        assert res[i] == pytest.approx(float((p * torch.arange(1, 7)).sum()), rel=1e-5)
