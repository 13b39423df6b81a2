import subprocess
import sys

import pytest

from scoring import registry
from scoring.api import PointwiseScorer, SetwiseScorer
from scoring.suites import build_suite, suite_entries, suite_names
from scoring_fixtures import ROOT


def test_every_registered_scorer_resolves_with_consistent_metadata():
    for name in registry.names():
        cls = registry.resolve(name)
        spec = cls.spec
        assert spec.name == name
        assert spec.category in {"heuristic", "model-based", "judge"}
        assert spec.kind == ("pointwise" if issubclass(cls, PointwiseScorer) else "setwise")
        assert issubclass(cls, (PointwiseScorer, SetwiseScorer))
        assert spec.sides and set(spec.sides) <= {"Q", "A", "QA"}
        dims = [d.name for d in spec.dimensions]
        assert dims and len(dims) == len(set(dims)), name
        for d in spec.dimensions:
            assert d.range[0] <= d.range[1]
        if spec.category == "model-based":
            assert spec.model


def test_at_least_25_pointwise_heuristics_and_the_setwise_family():
    heur = [n for n in registry.names() if registry.spec(n).category == "heuristic"]
    pointwise = [n for n in heur if registry.spec(n).kind == "pointwise"]
    assert len(pointwise) >= 25
    for name in ("vendi_score", "knn_novelty", "pairwise_distance", "radius", "cluster_inertia",
                 "partition_entropy", "near_duplicate_rate", "logdet_diversity"):
        assert registry.spec(name).kind == "setwise"


def test_unknown_scorer_suggests_close_names():
    with pytest.raises(registry.UnknownScorerError) as err:
        registry.resolve("mtdl")
    assert "did you mean 'mtld'" in str(err.value)


def test_wrong_side_is_rejected_with_the_scorer_name():
    with pytest.raises(ValueError, match="turns"):
        registry.create("turns", side="A")


def test_registry_and_suites_are_lazy_no_scorer_module_or_torch_imported():
    code = ("import sys; import scoring.registry, scoring.suites; "
            "scoring.suites.suite_entries('full'); "
            "bad = [m for m in sys.modules if m.startswith(('scoring.heuristic.', 'scoring.models.', 'torch'))]; "
            "print(bad); assert not bad")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_heuristic_suite_builds_without_importing_torch():
    code = ("import sys; from scoring.suites import build_suite; build_suite('demo'); "
            "assert 'torch' not in sys.modules, 'torch imported'")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_suites_build_and_full_extends_demo():
    assert {"demo", "full"} <= set(suite_names())
    demo = {(e.scorer, e.side) for e in suite_entries("demo")}
    full = {(e.scorer, e.side) for e in suite_entries("full")}
    assert demo < full
    scorers = build_suite("full")
    assert len({s.key for s in scorers}) == len(scorers)
    dims = {s.dimension_key(d.name) for s in build_suite("demo") for d in s.spec.dimensions}
    assert len(dims) >= 30


def test_each_builtin_scorer_is_one_module_named_after_it_with_its_own_test():
    modules = registry.builtin_modules()
    assert set(modules) <= set(registry.names())
    for name, module in modules.items():
        cls = registry.resolve(name)
        assert cls.__module__ == module and module.rsplit(".", 1)[1] == name
        family = module.split(".")[1]
        assert (ROOT / "tests" / "scoring" / family / f"test_{name}.py").is_file(), name


def test_register_rejects_a_class_in_a_module_not_named_after_it():
    from scoring.api import Dimension, PointwiseScorer, ScorerSpec

    class Elsewhere(PointwiseScorer):
        spec = ScorerSpec(name="elsewhere", version="1", category="heuristic", kind="pointwise",
                          description="d", dimensions=(Dimension("x", "x"),))

    with pytest.raises(TypeError, match="elsewhere.py"):
        registry.register(Elsewhere)
    assert "elsewhere" not in registry.names()


def test_entry_point_plugins_resolve_by_module_and_attribute(monkeypatch):
    monkeypatch.setattr(registry, "_plugin_entries",
                        lambda: (("plugin_chars", "scoring.heuristic.char_length:CharLength"),
                                 ("char_length", "somewhere.else:Shadow")))
    assert "plugin_chars" in registry.names()
    with pytest.raises(TypeError, match="declares spec.name 'char_length'"):
        registry.resolve("plugin_chars")
    assert registry.resolve("char_length").__module__ == "scoring.heuristic.char_length"   # built-ins win
