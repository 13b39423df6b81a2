"""The scorer registry: every scorer is one module named after it, found without importing it.

A built-in scorer lives in `scoring/<family>/<name>.py` (family: heuristic, setwise, models, judge),
and its class carries the `@register` decorator. Listing names reads those packages' files for the
decorator and never imports a scorer module, so listing the registry, importing the Dagster
definitions or running the heuristic suite never imports torch or loads a model. Only `resolve`
imports the one module asked for. Unknown names fail with "did you mean" suggestions.

Adding a scorer: write `scoring/<family>/<name>.py` with a `@register`-decorated
`PointwiseScorer`/`SetwiseScorer` subclass whose `spec.name` is `<name>`, and
`tests/scoring/<family>/test_<name>.py`. Third-party packages register scorers without touching this
package through the `dataarena.scorers` entry-point group (`name = "package.module:Class"`).
"""
from __future__ import annotations

import difflib
import functools
import importlib
import re
from importlib.metadata import entry_points
from pathlib import Path

from scoring.api import Scorer, ScorerSpec

FAMILIES = ("heuristic", "setwise", "models", "judge")
ENTRY_POINT_GROUP = "dataarena.scorers"

_PACKAGE_DIR = Path(__file__).resolve().parent
_DECORATOR = re.compile(r"^@register\b", re.MULTILINE)
_REGISTERED: dict[str, type[Scorer]] = {}


class UnknownScorerError(KeyError):
    def __str__(self) -> str:  # KeyError quotes its message; we want it plain
        return str(self.args[0])


def register(cls: type[Scorer]) -> type[Scorer]:
    """Class decorator marking a built-in scorer; its module must be named after `spec.name`."""
    if not (isinstance(cls, type) and issubclass(cls, Scorer)):
        raise TypeError(f"@register applies to Scorer subclasses, not {cls!r}")
    name = cls.spec.name
    module = cls.__module__.rpartition(".")[2]
    if module != name:
        raise TypeError(f"scorer '{name}' is defined in module '{cls.__module__}'; "
                        f"a built-in scorer's module is named after it ({name}.py)")
    if name in _REGISTERED and _REGISTERED[name] is not cls:
        raise TypeError(f"scorer '{name}' is registered twice")
    _REGISTERED[name] = cls
    return cls


@functools.lru_cache(maxsize=1)
def builtin_modules() -> dict[str, str]:
    """Built-in scorer names mapped to their modules, from the files alone (nothing imported)."""
    found: dict[str, str] = {}
    for family in FAMILIES:
        for path in sorted((_PACKAGE_DIR / family).glob("*.py")):
            if path.stem.startswith("_") or not _DECORATOR.search(path.read_text(encoding="utf-8")):
                continue
            if path.stem in found:
                raise TypeError(f"scorer '{path.stem}' is defined in two families: {found[path.stem]}, {family}")
            found[path.stem] = f"scoring.{family}.{path.stem}"
    return found


@functools.lru_cache(maxsize=1)
def _plugin_entries() -> tuple[tuple[str, str], ...]:
    """Installed plugins' entry points, read once per process: scanning every installed package's
    metadata costs about 20 ms, and building a suite resolves ~40 names."""
    return tuple((ep.name, ep.value) for ep in entry_points(group=ENTRY_POINT_GROUP))


def _all_entries() -> dict[str, str]:
    """name -> "module" for built-ins, "module:attr" for plugins (built-ins win a name clash)."""
    entries = dict(builtin_modules())
    for name, value in _plugin_entries():
        entries.setdefault(name, value)
    return entries


def names() -> list[str]:
    return sorted(_all_entries())


def _import(name: str, ref: str, module_name: str):
    try:
        return importlib.import_module(module_name)
    except ImportError as exc:
        raise ImportError(f"scorer '{name}' -> {ref}: cannot import {module_name}: {exc}") from exc


def resolve(name: str) -> type[Scorer]:
    """Import and return the scorer class registered as `name`."""
    entries = _all_entries()
    if name not in entries:
        close = difflib.get_close_matches(name, entries, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownScorerError(f"unknown scorer '{name}'{hint} (known: `python -m scoring.cli list`)")
    ref = entries[name]
    module_name, _, attr = ref.partition(":")
    module = _import(name, ref, module_name)
    if attr:
        cls = getattr(module, attr, None)
        if cls is None:
            raise ImportError(f"scorer '{name}' -> {ref}: {module_name} has no '{attr}'")
    else:
        cls = _REGISTERED.get(name)
        if cls is None:
            raise ImportError(f"scorer '{name}' -> {ref}: {module_name} registers no scorer named '{name}'")
    if not (isinstance(cls, type) and issubclass(cls, Scorer)):
        raise TypeError(f"scorer '{name}' -> {ref} is not a Scorer subclass")
    if cls.spec.name != name:
        raise TypeError(f"scorer '{name}' -> {ref} declares spec.name '{cls.spec.name}'")
    return cls


def spec(name: str) -> ScorerSpec:
    return resolve(name).spec


def create(name: str, side: str | None = None, **params) -> Scorer:
    """Instantiate a registered scorer (cheap: models load later, in `setup()`)."""
    return resolve(name)(side=side, **params)
