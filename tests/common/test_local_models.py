"""The model cache location, offline short names, and `common`'s place at the bottom of the imports."""
from __future__ import annotations

import ast
from pathlib import Path

from common import local_models
from warehouse.paths import ArenaPaths

ROOT = Path(__file__).resolve().parents[2]


def test_model_cache_is_the_override_else_under_arena_home(tmp_path, monkeypatch):
    monkeypatch.delenv("ARENA_MODEL_CACHE", raising=False)
    assert local_models.model_cache(ArenaPaths(tmp_path)) == tmp_path / "cache" / "models"
    monkeypatch.setenv("ARENA_HOME", str(tmp_path / "home"))
    assert local_models.model_cache() == tmp_path / "home" / "cache" / "models"
    monkeypatch.setenv("ARENA_MODEL_CACHE", str(tmp_path / "elsewhere"))
    assert local_models.model_cache(ArenaPaths(tmp_path)) == tmp_path / "elsewhere"


def test_short_names_resolve_to_shipped_models_and_others_pass_through():
    assert local_models.resolve_model("minilm") == str(local_models.minilm_dir())
    assert (local_models.minilm_dir() / "tokenizer.json").is_file()
    assert local_models.resolve_model("org/some-model") == "org/some-model"
    assert local_models.tokenizer_json("minilm") == (local_models.minilm_dir() / "tokenizer.json").read_text()
    assert local_models.gguf_path(local_models.SMOLLM2_REF).name == local_models.SMOLLM2_GGUF


def imported_modules(package: str):
    """(file, module) for every import statement in a project package, top level or inside functions."""
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                yield from ((path, a.name) for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                yield path, node.module


def test_common_imports_no_project_package_but_warehouse_paths():
    project = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()} - {"common"}
    for path, name in imported_modules("common"):
        if name.split(".")[0] in project:
            assert name == "warehouse.paths", f"{path.name} imports {name}"


def test_scoring_and_training_do_not_import_each_other():
    for package, other in (("scoring", "training"), ("training", "scoring")):
        for path, name in imported_modules(package):
            assert name.split(".")[0] != other, f"{path} imports {name}"
