"""Model-based scorers: SmolLM2 (offline, real) for perplexity/IFD/Deita, tiny random models of the
real classes (built locally) for reward and toxicity classifiers, each checked against a direct,
independent forward pass."""
import math

import numpy as np
import pytest
import torch

from scoring import registry
from scoring.batch import SampleBatch
from scoring.models.deita import COMPLEXITY_PROMPT
from scoring.textstats import TextStats
from scoring_fixtures import sample_row

REPEAT_Q = "Repeat exactly: violet ocean marble thunder seven."
REPEAT_A = "violet ocean marble thunder seven."


def score(scorer, rows):
    batch = SampleBatch.from_rows(rows)
    return scorer.score(batch, TextStats(batch))


@pytest.fixture(scope="module")
def lm():
    s = registry.create("lm_perplexity")
    s.ensure_ready()
    return s


def manual_ppl(scorer, prefix, target):
    ids = torch.tensor([prefix + target])
    labels = torch.tensor([[-100] * len(prefix) + target])
    with torch.inference_mode():
        loss = scorer.model(input_ids=ids, labels=labels).loss
    return math.exp(float(loss))


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


@pytest.fixture(scope="module")
def tiny_classifiers(tmp_path_factory):
    """Tiny randomly initialized BERT sequence classifiers with the offline MiniLM tokenizer."""
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    from common.local_models import minilm_dir

    tok = AutoTokenizer.from_pretrained(str(minilm_dir()))
    out = {}
    for name, labels in {"rm": {0: "reward"}, "tox": {0: "non-toxic", 1: "toxic"}}.items():
        torch.manual_seed(0)
        cfg = BertConfig(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                         intermediate_size=64, max_position_embeddings=512, num_labels=len(labels),
                         id2label=labels, label2id={v: k for k, v in labels.items()})
        path = tmp_path_factory.mktemp(name)
        BertForSequenceClassification(cfg).eval().save_pretrained(path)
        tok.save_pretrained(path)
        out[name] = str(path)
    return out


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


@pytest.fixture(scope="module")
def tiny_llamas(tmp_path_factory):
    """Tiny randomly initialized Llama models (causal LM and 1-logit reward model) with SmolLM2's
    tokenizer, whose chat template exercises the template code paths."""
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM, LlamaForSequenceClassification

    from common.local_models import smollm2_tokenizer_dir

    tok = AutoTokenizer.from_pretrained(str(smollm2_tokenizer_dir()))
    cfg = dict(vocab_size=len(tok), hidden_size=16, intermediate_size=32, num_hidden_layers=1,
               num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=1024,
               pad_token_id=tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id)
    out = {}
    for name, cls, extra in [("lm", LlamaForCausalLM, {}), ("rm", LlamaForSequenceClassification, {"num_labels": 1})]:
        torch.manual_seed(1)
        path = tmp_path_factory.mktemp(name)
        cls(LlamaConfig(**cfg, **extra)).eval().save_pretrained(path)
        tok.save_pretrained(path)
        out[name] = str(path)
    return out


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
