"""Models shared by the model-based scorers' tests, built once per test session: the offline SmolLM2
perplexity scorer, tiny random BERT classifiers and tiny random Llamas with SmolLM2's tokenizer."""
import pytest
import torch

from scoring import registry


@pytest.fixture(scope="session")
def lm():
    s = registry.create("lm_perplexity")
    s.ensure_ready()
    return s


@pytest.fixture(scope="session")
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


@pytest.fixture(scope="session")
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
