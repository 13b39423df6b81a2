"""Training on the tiny random model: weights move, loss is on assistant turns only, runs are recorded
and never retrained."""
from __future__ import annotations

import json

import pytest
import torch

from tests.training.toy_data import toy_rows
from training.data import select_training_set
from training.models import load_tokenizer, resolve_model
from training.protocols import load_protocol, run_id
from training.trainer import read_result, train, write_run_input


def _prepare(arena_paths, tmp_path, protocol_name, rows):
    p = load_protocol(protocol_name)
    ts = select_training_set(rows, dataset_id="toy", sample_cap=p.sample_cap, seed=p.seed)
    rid = run_id(p, ts.sample_ids)
    run_dir = tmp_path / rid
    write_run_input(run_dir, run_id=rid, dataset_id="toy", protocol=p, conversations=ts.conversations,
                    arena_home=str(arena_paths.home))
    return p, run_dir


def test_preparing_the_same_run_at_once_never_fails(arena_paths, tmp_path):
    """Two tasks for one pair both write its input before either holds the run lock: every writer must
    succeed and leave one complete input (a shared temporary file made one rename fail under Ray)."""
    from concurrent.futures import ThreadPoolExecutor

    rows = toy_rows("toy", 12)
    with ThreadPoolExecutor(8) as pool:
        dirs = list(pool.map(lambda _: _prepare(arena_paths, tmp_path, "tiny_random", rows)[1], range(32)))
    assert len(set(dirs)) == 1
    payload = json.loads((dirs[0] / "train_input.json").read_text())
    assert payload["dataset_id"] == "toy" and len(payload["conversations"]) == 12
    assert not list(dirs[0].glob("*.tmp"))


def _weights(path):
    from transformers import AutoModelForCausalLM

    return {k: v.clone() for k, v in AutoModelForCausalLM.from_pretrained(path).state_dict().items()}


@pytest.mark.parametrize("protocol_name", ["tiny_random", "tiny_random_lora"])
def test_training_changes_parameters_and_records_run(arena_paths, tmp_path, protocol_name):
    if protocol_name.endswith("lora"):
        pytest.importorskip("peft", reason="LoRA protocols need the peft package")
    p, run_dir = _prepare(arena_paths, tmp_path, protocol_name, toy_rows("toy", 40))
    before = _weights(resolve_model(p.base_model, arena_paths))
    result = train(run_dir)
    after = _weights(result.model_dir)
    changed = [k for k in before if not torch.equal(before[k], after[k])]
    assert changed, "no parameter changed during training"
    if p.finetune == "lora":  # merged adapters touch exactly the targeted projections
        assert all(any(t in k for t in p.lora.target_modules) for k in changed)
        assert not any("embed_tokens" in k for k in changed)
    assert result.steps > 0 and result.tokens_seen > 0 and result.wall_s > 0
    assert result.device_type == "cpu" and result.device_count == 1 and result.global_batch == p.global_batch
    assert [pt["step"] for pt in result.loss_curve] == list(range(1, result.steps + 1))
    assert result.n_samples == min(p.sample_cap, 40)
    # the chat template that trained is saved with the model, for evaluation to use
    assert load_tokenizer(result.model_dir, "model").chat_template == load_tokenizer(
        result.model_dir, p.chat_template).chat_template


def test_completed_run_is_never_retrained(arena_paths, tmp_path):
    _, run_dir = _prepare(arena_paths, tmp_path, "tiny_random", toy_rows("toy", 12))
    first = train(run_dir)
    stamp = (run_dir / "model" / "model.safetensors").stat().st_mtime_ns
    again = train(run_dir)
    assert again == first == read_result(run_dir)
    assert (run_dir / "model" / "model.safetensors").stat().st_mtime_ns == stamp
    assert not (run_dir / "checkpoints").exists()


def test_loss_mask_covers_assistant_turns_only(arena_paths):
    p = load_protocol("tiny_random")
    tok = load_tokenizer(resolve_model(p.base_model, arena_paths), p.chat_template)
    conv = [{"role": "user", "content": "Q: 2 + 2?"}, {"role": "assistant", "content": "#### 4"}]
    out = tok.apply_chat_template(conv, return_dict=True, return_assistant_tokens_mask=True)
    masked = tok.decode([t for t, m in zip(out["input_ids"], out["assistant_masks"]) if m])
    assert masked == "#### 4<|im_end|>"   # the answer and its end-of-turn token, nothing of the prompt


def test_selection_is_deterministic_deduplicated_and_capped():
    rows = toy_rows("toy", 30)
    rows.append(dict(rows[0], record_index=99))          # exact duplicate sample id
    a = select_training_set(rows, dataset_id="toy", sample_cap=10, seed=1)
    b = select_training_set(list(reversed(rows)), dataset_id="toy", sample_cap=10, seed=1)
    assert a.sample_ids == b.sample_ids and len(a) == 10 and a.n_available == 30 and a.n_duplicates == 1
    assert select_training_set(rows, dataset_id="toy", sample_cap=10, seed=2).sample_ids != a.sample_ids


def test_sample_without_answer_is_rejected_with_its_record():
    rows = toy_rows("toy", 3)
    rows[1]["messages"] = [{"role": "user", "content": "hello"}]
    with pytest.raises(ValueError, match="dataset 'toy' record 1 .*no non-empty assistant turn"):
        select_training_set(rows, dataset_id="toy", sample_cap=None, seed=0)
