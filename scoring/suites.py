"""Named suites of scorers (`suites.yaml`, or any YAML file with the same layout).

Entries are resolved lazily through the registry, so naming a suite costs nothing until it runs; an
unknown scorer or side fails when the suite is built, naming the suite and the entry.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from scoring import registry
from scoring.api import Scorer, SuiteEntry

SUITES_FILE = Path(__file__).with_name("suites.yaml")


@lru_cache(maxsize=None)
def _load(path: str) -> dict:
    with open(path) as fh:
        return yaml.safe_load(fh) or {}


def suite_names(path: Path = SUITES_FILE) -> list[str]:
    return sorted(_load(str(path)))


def suite_entries(name: str, path: Path = SUITES_FILE, _seen: tuple = ()) -> list[SuiteEntry]:
    suites = _load(str(path))
    if name not in suites:
        raise KeyError(f"unknown suite '{name}' in {path}; known: {sorted(suites)}")
    if name in _seen:
        raise ValueError(f"suite '{name}' extends itself through {_seen}")
    body = suites[name]
    entries = suite_entries(body["extends"], path, _seen + (name,)) if body.get("extends") else []
    for raw in body.get("scorers", []):
        raw = {"scorer": raw} if isinstance(raw, str) else raw
        unknown = set(raw) - {"scorer", "side", "params"}
        if unknown:
            raise ValueError(f"suite '{name}' entry {raw}: unknown keys {sorted(unknown)}")
        entries.append(SuiteEntry(raw["scorer"], raw.get("side"), dict(raw.get("params") or {})))
    return entries


def build(entries: list[SuiteEntry], suite_name: str = "custom") -> list[Scorer]:
    scorers = []
    for e in entries:
        try:
            scorers.append(registry.create(e.scorer, side=e.side, **e.params))
        except (KeyError, ValueError, TypeError) as exc:
            raise type(exc)(f"suite '{suite_name}': entry {e.scorer} (side {e.side}): {exc}") from exc
    return scorers


def build_suite(name: str, path: Path = SUITES_FILE, only: list[str] | None = None) -> list[Scorer]:
    """Scorers of suite `name`; `only` keeps those whose name or key (e.g. `a_mtld`) is listed."""
    scorers = build(suite_entries(name, path), name)
    if only:
        scorers = [s for s in scorers if s.spec.name in only or s.key in only]
    return scorers
