"""Protocols: the fixed, named, versioned training + evaluation configurations of the arena.

Why a protocol is frozen and hashed: the arena compares datasets, so everything except the dataset
must be identical between two runs. A protocol pins the base model, the chat template (the same one
trains and evaluates), the fine-tuning method and every hyper-parameter, the seed, the sample cap and
the benchmark suite. Its hash covers all of that (not the free-text description), and a run's id is
the hash of (protocol, dataset content): the same pair never trains twice, and changing any knob
without bumping `version` still yields a new id, never a silent overwrite.

The global batch, not the gradient accumulation, is part of the protocol: it is what determines the
optimisation, and ODA never recorded it. The trainer derives gradient accumulation from the world
size it finds (per_device_batch x world x accum == global_batch) and refuses a world that cannot
reach it exactly.

Protocols live as YAML files in `training/protocols/` (one per protocol); `load_protocol(name)` finds
them, and `ARENA_PROTOCOLS_DIR` adds a folder of user protocols.

Seeds: `<protocol>@seed<k>` (k = 2..MAX_SEEDS) is the same protocol repeated with seed `seed + k - 1`
(data order, sampling under the cap, initialisation of adapters). Replica 1 is the protocol itself, so
adding seeds never changes the ids of single-seed runs; every replica is its own partition key and run.
"""
from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PROTOCOLS_DIR = Path(__file__).parent / "protocols"

SEED_MARK = "@seed"
MAX_SEEDS = 5
FINETUNE_METHODS = ("full", "lora")
PRECISIONS = ("bf16", "fp16", "fp32")
SCHEDULERS = ("cosine", "linear", "constant", "constant_with_warmup")


@dataclass(frozen=True)
class LoraSettings:
    r: int = 16
    alpha: int = 32
    dropout: float = 0.05
    target_modules: tuple[str, ...] = ("q_proj", "k_proj", "v_proj", "o_proj")


@dataclass(frozen=True)
class Protocol:
    name: str
    version: int
    base_model: str
    chat_template: str
    finetune: str
    learning_rate: float
    lr_scheduler: str
    warmup_ratio: float
    epochs: float
    per_device_batch: int
    global_batch: int
    cutoff_len: int
    packing: bool
    precision: str
    seed: int
    benchmark_suite: str
    sample_cap: int | None = None
    instruct_model: str | None = None
    lora: LoraSettings | None = None
    weight_decay: float = 0.0
    max_steps: int = -1
    gradient_checkpointing: bool = True
    save_steps: int = 50
    eval_max_gen_toks: int = 256
    eval_batch_size: int = 16
    gpus: int = 0                   # GPUs one run asks a scheduler for (a Ray task's num_gpus); 0 = CPU
    description: str = ""

    # fields that do not change what is trained or measured (the global batch fixes the optimisation
    # whatever the GPU count, so a run id does not depend on where it ran)
    _IDENTITY_EXCLUDED = ("description", "gpus")

    def __post_init__(self) -> None:
        problems = []
        if self.finetune not in FINETUNE_METHODS:
            problems.append(f"finetune={self.finetune!r} (expected one of {FINETUNE_METHODS})")
        if self.finetune == "lora" and self.lora is None:
            problems.append("finetune=lora needs a `lora:` block")
        if self.precision not in PRECISIONS:
            problems.append(f"precision={self.precision!r} (expected one of {PRECISIONS})")
        if self.lr_scheduler not in SCHEDULERS:
            problems.append(f"lr_scheduler={self.lr_scheduler!r} (expected one of {SCHEDULERS})")
        if self.global_batch % self.per_device_batch:
            problems.append(f"global_batch={self.global_batch} is not a multiple of "
                            f"per_device_batch={self.per_device_batch}")
        if self.gpus < 0:
            problems.append(f"gpus={self.gpus} must be 0 (CPU) or more")
        if self.sample_cap is not None and self.sample_cap <= 0:
            problems.append(f"sample_cap={self.sample_cap} must be positive or null")
        if problems:
            raise ValueError(f"protocol '{self.name}' v{self.version} is invalid: " + "; ".join(problems))

    def identity(self) -> dict[str, Any]:
        """Every field that changes what is trained or measured, as plain JSON-able values."""
        d = dataclasses.asdict(self)
        for k in self._IDENTITY_EXCLUDED:
            d.pop(k, None)
        return d

    @property
    def hash(self) -> str:
        blob = json.dumps(self.identity(), sort_keys=True, default=list)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    @property
    def key(self) -> str:
        """The protocol's partition key in Dagster and the lake: its name (one version active per name)."""
        return self.name

    def grad_accum(self, world_size: int) -> int:
        """Gradient accumulation that reaches the global batch on `world_size` devices, exactly."""
        per_step = self.per_device_batch * world_size
        if self.global_batch % per_step:
            raise ValueError(
                f"protocol '{self.name}': global_batch={self.global_batch} cannot be reached with "
                f"per_device_batch={self.per_device_batch} on {world_size} devices; choose a world size "
                f"dividing {self.global_batch // self.per_device_batch}")
        return self.global_batch // per_step

    def to_sft_config(self, output_dir: str | Path, *, world_size: int, device_type: str, precision: str):
        """TRL's `SFTConfig` of this protocol on `world_size` devices of `device_type` ('cuda' or
        'cpu'), computing in `precision` (the one that runs there: see training.models.effective_precision).

        The loss covers assistant turns only (the arena measures responses, not prompt parroting);
        checkpoints every `save_steps` keep a killed run resumable; the data order follows the seed."""
        from trl import SFTConfig

        on_gpu = device_type == "cuda"
        return SFTConfig(
            output_dir=str(output_dir),
            max_length=self.cutoff_len,
            packing=self.packing,
            assistant_only_loss=True,
            per_device_train_batch_size=self.per_device_batch,
            gradient_accumulation_steps=self.grad_accum(world_size),
            learning_rate=self.learning_rate,
            lr_scheduler_type=self.lr_scheduler,
            warmup_steps=float(self.warmup_ratio),  # a float in [0, 1) is a ratio of total steps
            weight_decay=self.weight_decay,
            num_train_epochs=self.epochs,
            max_steps=self.max_steps,
            gradient_checkpointing=self.gradient_checkpointing,
            seed=self.seed,
            data_seed=self.seed,
            use_cpu=not on_gpu,
            bf16=precision == "bf16",
            fp16=on_gpu and precision == "fp16",
            logging_steps=1,
            save_strategy="steps",
            save_steps=self.save_steps,
            save_total_limit=2,
            report_to=[],
            dataloader_num_workers=0,
            disable_tqdm=True,
        )


def _protocol_dirs() -> list[Path]:
    dirs = [PROTOCOLS_DIR]
    extra = os.environ.get("ARENA_PROTOCOLS_DIR")
    if extra:
        dirs.append(Path(extra))
    return dirs


def protocol_files() -> dict[str, Path]:
    """Protocol name -> YAML file (user folder overrides the shipped one of the same name)."""
    found: dict[str, Path] = {}
    for d in _protocol_dirs():
        for f in sorted(d.glob("*.yaml")):
            found[f.stem] = f
    return found


def list_protocols() -> list[str]:
    return sorted(protocol_files())


def seed_key(name: str, replica: int) -> str:
    """The protocol key of seed replica `replica` (1-based): replica 1 is the protocol itself."""
    if not 1 <= replica <= MAX_SEEDS:
        raise ValueError(f"seed replica {replica} is outside 1..{MAX_SEEDS}")
    return name if replica == 1 else f"{name}{SEED_MARK}{replica}"


def seed_keys(name: str, seeds: int) -> list[str]:
    """The protocol keys of `seeds` replicas of protocol `name`."""
    return [seed_key(name, k) for k in range(1, seeds + 1)]


def split_seed(key: str) -> tuple[str, int]:
    """(protocol name, replica) of a protocol key: `smollm2_135m_demo@seed3` -> ('smollm2_135m_demo', 3)."""
    name, mark, replica = key.partition(SEED_MARK)
    if not mark:
        return key, 1
    if not replica.isdigit() or not 2 <= int(replica) <= MAX_SEEDS:
        raise KeyError(f"protocol key '{key}': the seed replica must be 2..{MAX_SEEDS}")
    return name, int(replica)


def protocol_keys() -> list[str]:
    """Every trainable protocol key: each protocol and its seed replicas 2..MAX_SEEDS."""
    return [seed_key(name, k) for name in list_protocols() for k in range(1, MAX_SEEDS + 1)]


def protocol_from_dict(d: dict[str, Any], source: str = "<dict>") -> Protocol:
    d = dict(d)
    known = {f.name for f in dataclasses.fields(Protocol)}
    unknown = sorted(set(d) - known)
    if unknown:
        raise ValueError(f"protocol {source}: unknown field(s) {unknown}; known fields: {sorted(known)}")
    missing = sorted(f.name for f in dataclasses.fields(Protocol)
                     if f.default is dataclasses.MISSING and f.name not in d)
    if missing:
        raise ValueError(f"protocol {source}: missing required field(s) {missing}")
    if d.get("lora") is not None:
        lora = dict(d["lora"])
        if "target_modules" in lora:
            lora["target_modules"] = tuple(lora["target_modules"])
        d["lora"] = LoraSettings(**lora)
    return Protocol(**d)


def load_protocol(name: str) -> Protocol:
    """The protocol of a key: a protocol's name, or `<name>@seed<k>` for its seed replica k."""
    base, replica = split_seed(name)
    if replica > 1:
        protocol = load_protocol(base)
        return dataclasses.replace(protocol, name=name, seed=protocol.seed + replica - 1)
    files = protocol_files()
    if name not in files:
        close = difflib.get_close_matches(name, files, n=3)
        hint = f" Did you mean {close}?" if close else ""
        raise KeyError(f"unknown protocol '{name}'.{hint} Known: {sorted(files)}")
    path = files[name]
    data = yaml.safe_load(path.read_text())
    if data.get("name") != name:
        raise ValueError(f"protocol file {path} declares name={data.get('name')!r}; it must equal the file stem")
    return protocol_from_dict(data, source=str(path))


def dataset_fingerprint(sample_ids: list[str]) -> str:
    """Content identity of the training data: hash of the sorted sample ids (order-free)."""
    h = hashlib.sha256()
    for sid in sorted(sample_ids):
        h.update(sid.encode())
        h.update(b"\n")
    return h.hexdigest()[:16]


def run_id(protocol: Protocol, sample_ids: list[str]) -> str:
    """A run's identity: (protocol hash, dataset fingerprint). The same pair never trains twice."""
    blob = f"{protocol.name}:{protocol.hash}:{dataset_fingerprint(sample_ids)}"
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def baseline_run_id(protocol: Protocol, kind: str) -> str:
    """Id of the untuned base (or instruct) model evaluated under a protocol: one per protocol."""
    if kind not in ("base", "instruct"):
        raise ValueError(f"baseline kind must be 'base' or 'instruct', got {kind!r}")
    blob = f"{protocol.name}:{protocol.hash}:baseline:{kind}"
    return hashlib.sha256(blob.encode()).hexdigest()[:16]
