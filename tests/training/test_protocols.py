"""Protocols: shipped ones load and validate; identity is stable, content-based and order-free."""
from __future__ import annotations

import dataclasses

import pytest

from training.protocols import (Protocol, baseline_run_id, dataset_fingerprint, list_protocols, load_protocol,
                                protocol_from_dict, run_id)

ODA = {"oda_llama31_8b": (2e-5, 0.03, 4096, 4), "oda_qwen25_7b": (5e-6, 0.1, 4096, 4),
       "oda_qwen3_8b": (5e-5, 0.1, 32768, 2)}


def test_shipped_protocols_load():
    names = list_protocols()
    for expected in [*ODA, "smollm2_135m_demo", "smollm2_135m_gsm8k", "tiny_random", "tiny_random_lora"]:
        assert expected in names
    for name in names:
        p = load_protocol(name)
        assert p.name == name and len(p.hash) == 16


@pytest.mark.parametrize("name", sorted(ODA))
def test_oda_protocol_values(name):
    lr, warmup, cutoff, per_device = ODA[name]
    p = load_protocol(name)
    assert (p.learning_rate, p.warmup_ratio, p.cutoff_len, p.per_device_batch) == (lr, warmup, cutoff, per_device)
    assert p.finetune == "full" and p.precision == "bf16" and p.epochs == 3 and p.lr_scheduler == "cosine"
    # ODA's per-device x grad-accum on the 8 GPUs the global batch assumes
    assert p.grad_accum(8) == (2 if name == "oda_qwen3_8b" else 4)
    assert p.packing == (name == "oda_qwen3_8b")


def test_grad_accum_refuses_unreachable_world():
    p = load_protocol("oda_llama31_8b")
    assert p.grad_accum(1) == 32
    with pytest.raises(ValueError, match="cannot be reached"):
        p.grad_accum(3)


def test_sft_config_carries_the_protocol_on_any_world(tmp_path):
    # built on the CPU these tests run on (TRL refuses a cuda config without a GPU)
    p = load_protocol("oda_qwen25_7b")
    big = p.to_sft_config(tmp_path, world_size=8, device_type="cpu", precision="fp32")
    assert (big.per_device_train_batch_size, big.gradient_accumulation_steps) == (4, 4)
    assert (big.learning_rate, big.lr_scheduler_type, big.warmup_steps) == (5e-6, "cosine", 0.1)
    assert (big.max_length, big.num_train_epochs, big.seed, big.data_seed) == (4096, 3, 42, 42)
    assert big.assistant_only_loss and big.use_cpu and not big.bf16 and not big.fp16
    assert p.to_sft_config(tmp_path, world_size=2, device_type="cpu", precision="fp32").gradient_accumulation_steps == 16
    tiny = load_protocol("tiny_random").to_sft_config(tmp_path, world_size=1, device_type="cpu", precision="fp32")
    assert tiny.save_steps == 2 and tiny.output_dir == str(tmp_path) and not tiny.gradient_checkpointing
    with pytest.raises(ValueError, match="cannot be reached"):
        p.to_sft_config(tmp_path, world_size=3, device_type="cpu", precision="fp32")


def test_identity_changes_with_any_knob_but_not_description():
    p = load_protocol("tiny_random")
    assert dataclasses.replace(p, description="other words").hash == p.hash
    assert dataclasses.replace(p, learning_rate=p.learning_rate * 2).hash != p.hash
    assert dataclasses.replace(p, chat_template="model").hash != p.hash


def test_run_id_is_content_based_and_order_free():
    p = load_protocol("tiny_random")
    ids = ["b", "a", "c"]
    assert run_id(p, ids) == run_id(p, sorted(ids))
    assert run_id(p, ids) != run_id(p, ids[:2])
    assert run_id(p, ids) != run_id(load_protocol("tiny_random_lora"), ids)
    assert dataset_fingerprint(ids) == dataset_fingerprint(list(reversed(ids)))
    assert baseline_run_id(p, "base") != baseline_run_id(p, "instruct")


def test_bad_protocols_are_named():
    base = load_protocol("tiny_random").identity()
    with pytest.raises(ValueError, match="unknown field"):
        protocol_from_dict(base | {"lerning_rate": 1.0}, source="x.yaml")
    with pytest.raises(ValueError, match="finetune=lora needs"):
        protocol_from_dict(base | {"finetune": "lora", "lora": None})
    with pytest.raises(KeyError, match="Did you mean"):
        load_protocol("tiny_randm")
