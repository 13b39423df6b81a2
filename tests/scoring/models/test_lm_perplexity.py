import math

import numpy as np
import pytest
import torch
from models_cases import REPEAT_A, REPEAT_Q, manual_ppl, score
from scoring_fixtures import sample_row

from scoring import registry


def test_perplexity_and_ifd_match_a_direct_forward_pass(lm):
    rows = [sample_row(REPEAT_Q, REPEAT_A, 0), sample_row("What is the capital of France?", "Paris is the capital.", 1)]
    res = score(lm, rows)
    for i, r in enumerate(rows):
        target = lm.tok(r["response_text"], add_special_tokens=False)["input_ids"]
        cond = manual_ppl(lm, lm.prefix_ids(r["instruction_text"]), target)
        uncond = manual_ppl(lm, lm.prefix_ids(""), target)
        assert res.values["ppl_a_given_q"][i] == pytest.approx(cond, rel=1e-4)
        assert res.values["ppl_a"][i] == pytest.approx(uncond, rel=1e-4)
        assert res.values["ifd"][i] == pytest.approx(cond / uncond, rel=1e-4)
        assert res.values["loss_bits_per_token"][i] == pytest.approx(math.log(cond) / math.log(2), rel=1e-4)
        assert res.values["response_tokens"][i] == len(target)
    assert 0 < res.values["token_entropy_bits"][0] < 16


def test_ifd_on_a_constructed_case(lm):
    """An answer the instruction spells out is far easier with it (IFD << 1) than one it says nothing about."""
    rows = [sample_row(REPEAT_Q, REPEAT_A, 0), sample_row("Say something.", REPEAT_A, 1)]
    ifd = score(lm, rows).values["ifd"]
    assert ifd[0] < 0.05
    assert ifd[1] > 10 * ifd[0]


def test_long_answers_are_windowed_and_truncation_recorded():
    s = registry.create("lm_perplexity", max_length=32, stride=8)
    s.ensure_ready()
    long_q = "Please summarize the following passage carefully. " * 4
    rows = [sample_row(long_q, "one two three four five six seven eight nine ten eleven twelve", 0),
            sample_row("Hi", "Hello", 1), sample_row("Empty answer", "", 2)]
    res = score(s, rows)
    n_tokens = res.values["response_tokens"][0]
    assert res.windows[0] == math.ceil(n_tokens / 8) > 1
    assert res.truncated[0] and not res.truncated[1]
    assert res.windows[1] == 1 and np.isfinite(res.values["ifd"][1])
    assert np.isnan(res.values["ifd"][2])
    # every target token is predicted exactly once across windows
    ctx = s.prefix_ids(long_q)
    target = s.tok(rows[0]["response_text"], add_special_tokens=False)["input_ids"]
    windows, cut = s.windows_for(ctx, target)
    assert sum(k for _, k in windows) == len(target) and cut
    assert all(len(ids) <= 32 for ids, _ in windows)


def test_token_budget_batches_equal_one_row_at_a_time(tiny_llamas):
    """Left-padded, length-sorted batches packed to a token budget (LM head on the response columns
    only) give the values of scoring each row alone, and of a plain forward pass with labels."""
    rows = [sample_row("Q" + " word" * k, " answer" * (1 + (k * 7) % 23), k) for k in range(12)]
    rows.append(sample_row("Summarize: " + "long text " * 30, "short", 12))   # long context, short target
    rows.append(sample_row("Explain.", " step one then" * 60, 13))             # windowed: past max_length
    batched = registry.create("lm_perplexity", model=tiny_llamas["lm"], max_length=96, stride=32, max_batch_tokens=512)
    single = registry.create("lm_perplexity", model=tiny_llamas["lm"], max_length=96, stride=32, batch_size=1)
    a, b = score(batched, rows), score(single, rows)
    for dim in ("ppl_a_given_q", "ppl_a", "ifd", "loss_bits_per_token", "token_entropy_bits"):
        np.testing.assert_allclose(a.values[dim], b.values[dim], rtol=1e-5)
    assert (a.windows > 1).any() and np.array_equal(a.windows, b.windows)
    # and a row scored alone equals the model's own loss over the same tokens
    model = single.model
    for i in (0, 5):
        target = single.tok(rows[i]["response_text"], add_special_tokens=False)["input_ids"]
        prefix = single.prefix_ids(rows[i]["instruction_text"])
        if len(prefix) + len(target) <= 96:
            ids = torch.tensor([prefix + target])
            with torch.inference_mode():
                loss = model(input_ids=ids, labels=torch.tensor([[-100] * len(prefix) + target])).loss
            assert a.values["ppl_a_given_q"][i] == pytest.approx(math.exp(float(loss)), rel=1e-5)
    # the budget really packs several rows per forward pass (and never more padded tokens than allowed)
    from scoring.models.loading import length_sorted_batches
    lengths = [30, 90, 12, 64, 64, 8]
    groups = length_sorted_batches(lengths, None, 200)
    assert all(max(lengths[i] for i in g) * len(g) <= 200 for g in groups) and max(map(len, groups)) > 1
    assert sorted(i for g in groups for i in g) == list(range(len(lengths)))
