"""Supervised fine-tuning of a protocol's base model on one training set, with TRL's SFTTrainer.

What it guarantees, and why:
- loss on assistant turns only (`assistant_only_loss` over the protocol's chat template, whose
  `{% generation %}` markers delimit the assistant turns): the arena measures the value of responses,
  not the model's ability to parrot prompts;
- packing (best-fit decreasing, padding-free with position ids: transformers builds block-diagonal
  masks for SDPA, flash-attn handles it natively) when the protocol asks for it;
- the protocol's global batch on any world size (grad-accum derived), bf16 + SDPA/flash-attn on GPU,
  float32 on CPU;
- checkpoints every `save_steps`; a killed run started again on the same run folder resumes from its
  last complete checkpoint (optimizer, scheduler, RNG and data position included);
- a run folder holds `run.json` only once training completed: it is the completion marker, written
  atomically after the final model, so a crash never leaves a run that looks finished.

Run it in-process (`train`) or as a subprocess / under a launcher (`python -m training.trainer`), e.g.
multi-GPU: `accelerate launch --config_file training/accelerate/multi_gpu.yaml -m training.trainer
--run-dir DIR`.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from training.protocols import Protocol, protocol_from_dict

INPUT_FILE = "train_input.json"
RESULT_FILE = "run.json"


@dataclass
class TrainResult:
    run_id: str
    dataset_id: str
    protocol: str
    protocol_version: int
    protocol_hash: str
    base_model: str
    model_dir: str
    n_samples: int
    steps: int
    epochs: float
    tokens_seen: int
    train_loss: float | None
    final_loss: float | None
    wall_s: float
    device_type: str
    device_name: str
    device_count: int
    per_device_batch: int
    grad_accum: int
    global_batch: int
    resumed_from_step: int | None
    started_at: float
    finished_at: float
    train_runtime_s: float = 0.0    # the optimisation loop alone (no model loading or saving)
    precision: str = ""             # the precision that ran (see training.models.effective_precision)
    loss_curve: list[dict] = field(default_factory=list)


def write_run_input(run_dir: Path, *, run_id: str, dataset_id: str, protocol: Protocol,
                    conversations: list[list[dict]], arena_home: str) -> Path:
    """Everything a training process needs, in the run folder: the subprocess/launcher contract.

    Two processes preparing the same run (a double submit before either holds the run lock) write the
    same content: each through its own temporary file, so both renames succeed and the last one wins."""
    run_dir.mkdir(parents=True, exist_ok=True)
    payload = {"run_id": run_id, "dataset_id": dataset_id, "protocol": protocol.identity()
               | {"description": protocol.description}, "conversations": conversations, "arena_home": arena_home}
    tmp = run_dir / f"{INPUT_FILE}.{os.getpid()}.{threading.get_ident()}.tmp"
    tmp.write_text(json.dumps(payload))
    os.replace(tmp, run_dir / INPUT_FILE)
    return run_dir / INPUT_FILE


def read_result(run_dir: Path) -> TrainResult | None:
    f = Path(run_dir) / RESULT_FILE
    if not f.exists():
        return None
    return TrainResult(**json.loads(f.read_text()))


def last_checkpoint(run_dir: Path) -> Path | None:
    """Newest checkpoint whose trainer state was fully written (a kill can leave a partial one)."""
    ckpts = []
    for d in (Path(run_dir) / "checkpoints").glob("checkpoint-*"):
        if (d / "trainer_state.json").exists():
            try:
                ckpts.append((int(d.name.split("-")[1]), d))
            except ValueError:
                continue
    return max(ckpts)[1] if ckpts else None


def _device() -> tuple[str, str, int]:
    import torch

    world = int(os.environ.get("WORLD_SIZE", "1"))
    if torch.cuda.is_available():
        return "cuda", torch.cuda.get_device_name(0), world
    return "cpu", platform.processor() or platform.machine(), world


def _attn_implementation(device_type: str) -> str:
    if device_type == "cuda":
        import importlib.util

        if importlib.util.find_spec("flash_attn") is not None:
            return "flash_attention_2"
    return "sdpa"


class _CurveRecorder:
    """Collects the trainer's logs (loss, lr, tokens) into a loss curve."""

    def __init__(self):
        from transformers import TrainerCallback

        rec = self

        class Callback(TrainerCallback):
            def on_log(self, args, state, control, logs=None, **kwargs):
                if logs and "loss" in logs:
                    rec.points.append({"step": state.global_step, "epoch": logs.get("epoch"),
                                       "loss": float(logs["loss"]), "learning_rate": logs.get("learning_rate"),
                                       "num_tokens": logs.get("num_tokens")})

        self.points: list[dict] = []
        self.callback = Callback()


def train(run_dir: Path, *, stop_after_steps: int | None = None) -> TrainResult:
    """Train the run described by `run_dir/train_input.json`; resume if checkpoints exist.

    Returns the existing result untouched when the run already completed (never trains twice).
    `stop_after_steps` ends training early after that many optimizer steps (for tests of resume).
    """
    import torch
    from datasets import Dataset
    from transformers import AutoModelForCausalLM, TrainerCallback
    from trl import SFTTrainer

    from training.models import effective_precision, load_tokenizer, resolve_model
    from warehouse.paths import ArenaPaths

    run_dir = Path(run_dir)
    done = read_result(run_dir)
    if done is not None:
        return done
    spec = json.loads((run_dir / INPUT_FILE).read_text())
    protocol = protocol_from_dict(spec["protocol"], source=str(run_dir / INPUT_FILE))
    paths = ArenaPaths(Path(spec["arena_home"]))
    started = time.time()

    device_type, device_name, world = _device()
    grad_accum = protocol.grad_accum(world)
    location = resolve_model(protocol.base_model, paths)
    tokenizer = load_tokenizer(location, protocol.chat_template)
    on_gpu = device_type == "cuda"
    precision = effective_precision(protocol.precision, device_type)
    # Weights in the precision that runs, except a full fine-tune on CPU: there float32 master weights
    # under bf16 autocast keep small updates from rounding away while the matmuls run at bf16 speed.
    # LoRA never updates the base weights, so they stay in bf16 (PEFT keeps the adapters in float32).
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(precision, torch.float32)
    if not on_gpu and protocol.finetune == "full":
        dtype = torch.float32
    model = AutoModelForCausalLM.from_pretrained(location, dtype=dtype,
                                                 attn_implementation=_attn_implementation(device_type))
    peft_config = None
    if protocol.finetune == "lora":
        try:
            from peft import LoraConfig
        except ImportError:
            raise RuntimeError(f"protocol '{protocol.name}' fine-tunes with LoRA: install peft "
                               "(pip install peft)") from None

        lo = protocol.lora
        peft_config = LoraConfig(r=lo.r, lora_alpha=lo.alpha, lora_dropout=lo.dropout,
                                 target_modules=list(lo.target_modules), task_type="CAUSAL_LM")

    dataset = Dataset.from_list([{"messages": conv} for conv in spec["conversations"]])
    ckpt_dir = run_dir / "checkpoints"
    config = protocol.to_sft_config(ckpt_dir, world_size=world, device_type=device_type, precision=precision)
    recorder = _CurveRecorder()
    callbacks = [recorder.callback]
    if stop_after_steps is not None:
        class StopAfter(TrainerCallback):
            def on_step_end(self, args, state, control, **kwargs):
                if state.global_step >= stop_after_steps:
                    control.should_save = True
                    control.should_training_stop = True

        callbacks.append(StopAfter())
    trainer = SFTTrainer(model=model, args=config, train_dataset=dataset, processing_class=tokenizer,
                         peft_config=peft_config, callbacks=callbacks)
    resume = last_checkpoint(run_dir)
    output = trainer.train(resume_from_checkpoint=str(resume) if resume else None)
    state = trainer.state
    if stop_after_steps is not None and state.global_step < state.max_steps:
        raise _Interrupted(state.global_step)

    curve = [{"step": h["step"], "epoch": h.get("epoch"), "loss": float(h["loss"]),
              "learning_rate": h.get("learning_rate"), "num_tokens": h.get("num_tokens")}
             for h in state.log_history if "loss" in h]
    tokens = int(max((p["num_tokens"] or 0) for p in curve)) if curve else 0

    final_dir = run_dir / "model"
    tmp_dir = run_dir / "model.tmp"
    shutil.rmtree(tmp_dir, ignore_errors=True)
    trained = trainer.model
    if protocol.finetune == "lora":
        trained = trained.merge_and_unload()
    if trainer.accelerator.is_main_process:
        trained.save_pretrained(tmp_dir)
        tokenizer.save_pretrained(tmp_dir)
        shutil.rmtree(final_dir, ignore_errors=True)
        tmp_dir.rename(final_dir)

    finished = time.time()
    result = TrainResult(
        run_id=spec["run_id"], dataset_id=spec["dataset_id"], protocol=protocol.name,
        protocol_version=protocol.version, protocol_hash=protocol.hash, base_model=protocol.base_model,
        model_dir=str(final_dir), n_samples=len(spec["conversations"]), steps=state.global_step,
        epochs=float(state.epoch or 0), tokens_seen=tokens,
        train_loss=float(output.training_loss) if output.training_loss is not None else None,
        final_loss=curve[-1]["loss"] if curve else None, wall_s=round(finished - started, 3),
        train_runtime_s=round(float(output.metrics.get("train_runtime", 0.0)), 3),
        device_type=device_type, device_name=device_name, device_count=world, precision=precision,
        per_device_batch=protocol.per_device_batch, grad_accum=grad_accum,
        global_batch=protocol.per_device_batch * grad_accum * world,
        resumed_from_step=int(resume.name.split("-")[1]) if resume else None,
        started_at=started, finished_at=finished, loss_curve=curve)
    if trainer.accelerator.is_main_process:
        tmp = run_dir / (RESULT_FILE + ".tmp")
        tmp.write_text(json.dumps(asdict(result)))
        os.replace(tmp, run_dir / RESULT_FILE)
        shutil.rmtree(ckpt_dir, ignore_errors=True)   # the final model supersedes the checkpoints
    return result


class _Interrupted(RuntimeError):
    def __init__(self, step: int):
        super().__init__(f"training stopped on request after step {step}; run again to resume")
        self.step = step


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train one arena run (resumes from its last checkpoint).")
    parser.add_argument("--run-dir", required=True, type=Path, help=f"folder holding {INPUT_FILE}")
    parser.add_argument("--stop-after-steps", type=int, default=None,
                        help="end after N optimizer steps without completing (resume tests)")
    args = parser.parse_args(argv)
    try:
        result = train(args.run_dir, stop_after_steps=args.stop_after_steps)
    except _Interrupted as e:
        print(str(e))
        return 3
    print(json.dumps({k: v for k, v in asdict(result).items() if k != "loss_curve"}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
