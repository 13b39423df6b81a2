"""Mixture experiments: does a weighted mix of datasets beat each of its parts at the same budget?

A budget is a sample count (`samples:400`) or an approximate token count (`tokens:60000`, characters of
prompt and response over 4, the warehouse's estimate). The mixture arm takes each dataset's weight share
of the budget; one `single_<dataset>` arm per component spends the whole budget on that dataset alone,
so every arm trains on the same amount of data and the gains isolate the mix. Samples are drawn in a
seeded random order of each dataset.
"""
from __future__ import annotations

import hashlib
import json
import random

from training.experiments.arms import Arm, Experiment, approx_tokens, read_samples
from warehouse.paths import ArenaPaths

BUDGET_KINDS = ("samples", "tokens")


def parse_mix(text: str) -> dict[str, float]:
    """`a=0.5,b=0.5` -> {'a': 0.5, 'b': 0.5}, normalised to sum 1."""
    weights = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"mix entry {part!r}: expected <dataset>=<weight>")
        weights[name.strip()] = float(value)
    if len(weights) < 2 or any(w <= 0 for w in weights.values()):
        raise ValueError(f"mix {text!r}: name at least two datasets with positive weights")
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()}


def parse_budget(text: str) -> tuple[str, int]:
    """`samples:400` -> ('samples', 400)."""
    kind, sep, value = text.partition(":")
    if not sep or kind not in BUDGET_KINDS or not value.isdigit() or int(value) <= 0:
        raise ValueError(f"budget {text!r}: expected samples:<n> or tokens:<n>")
    return kind, int(value)


def mixture_experiment(mix: str | dict[str, float], budget: str, protocol: str, seeds: int,
                       seed: int = 0) -> Experiment:
    weights = parse_mix(mix) if isinstance(mix, str) else mix
    kind, amount = parse_budget(budget)
    spec = {"weights": weights, "budget_kind": kind, "budget": amount, "seed": seed}
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:8]
    return Experiment(data_id=f"mix_{kind}{amount}_{digest}", kind="mix", protocol=protocol, seeds=seeds, spec=spec)


def _take(rows: list[dict], kind: str, quota: int, dataset_id: str) -> list[dict]:
    """The first rows of `rows` that fill `quota` samples or tokens."""
    if kind == "samples":
        if quota > len(rows):
            raise ValueError(f"dataset '{dataset_id}' has {len(rows)} samples; the budget asks {quota}")
        return rows[:quota]
    taken, tokens = [], 0
    for r in rows:
        if tokens >= quota:
            break
        taken.append(r)
        tokens += approx_tokens(r)
    if tokens < quota:
        raise ValueError(f"dataset '{dataset_id}' has about {tokens} tokens; the budget asks {quota}")
    return taken


def quotas(weights: dict[str, float], amount: int) -> dict[str, int]:
    """Each dataset's share of the budget, rounded so the shares add up to the budget exactly."""
    names = list(weights)
    out = {n: int(weights[n] * amount) for n in names}
    for n in sorted(names, key=lambda n: -(weights[n] * amount - out[n]))[:amount - sum(out.values())]:
        out[n] += 1
    return out


def mixture_arms(samples: dict[str, list[dict]], weights: dict[str, float], kind: str, amount: int,
                 seed: int = 0) -> list[Arm]:
    """The mixture arm and one single-dataset arm per component, each of `amount` samples or tokens."""
    shuffled = {}
    for name in weights:
        rows = sorted(samples[name], key=lambda r: r["sample_id"])
        random.Random(f"{seed}:{name}").shuffle(rows)
        shuffled[name] = rows
    share = quotas(weights, amount)
    mixed = [r for name in weights for r in _take(shuffled[name], kind, share[name], name)]
    arms = [Arm("mixture", "mixture", mixed)]
    arms += [Arm(f"single_{name}", "single", _take(shuffled[name], kind, amount, name)) for name in weights]
    return arms


def build_mixture(paths: ArenaPaths, exp: Experiment) -> list[Arm]:
    spec = exp.spec
    samples = {name: read_samples(paths, name) for name in spec["weights"]}
    return mixture_arms(samples, spec["weights"], spec["budget_kind"], spec["budget"], spec["seed"])


def mixture_pairs(arms: list[str]) -> list[tuple[str, str]]:
    """The mixture against each single-dataset arm."""
    return [("mixture", a) for a in arms if a != "mixture"]
