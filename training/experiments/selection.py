"""Selection experiments: is keeping the samples a score ranks highest better than keeping any?

The source dataset's samples are ranked by one per-sample score dimension (the lake's `sample_scores`,
e.g. `a_arithmetic_correct`); the top share, the bottom share and a random share of the same size
become three arms. The random arm is drawn from the same scored samples with the experiment's seed, so
the comparison top vs random measures what ranking by the score adds over keeping that many samples,
and top vs bottom whether the score orders samples by value at all. Ties are broken by a seeded hash
of the sample id (never by source order, which could correlate with anything).
"""
from __future__ import annotations

import hashlib
import random

from training.experiments.arms import Arm, Experiment
from warehouse.lake import read_partition
from warehouse.paths import ArenaPaths
from warehouse.tables import SAMPLE_SCORES

SCORES_TABLE = SAMPLE_SCORES.name


def parse_share(keep: str | float) -> float:
    """`25%`, `25` or `0.25` -> 0.25."""
    text = str(keep).strip()
    value = float(text.rstrip("%"))
    share = value / 100 if text.endswith("%") or value > 1 else value
    if not 0 < share < 0.5 + 1e-9:
        raise ValueError(f"keep={keep!r}: the kept share must be above 0 and at most 50% (top and bottom "
                         "must not overlap)")
    return share


def selection_experiment(dataset_id: str, scorer: str, keep: str | float, protocol: str, seeds: int,
                         seed: int = 0) -> Experiment:
    share = parse_share(keep)
    pct = round(share * 100, 2)
    label = f"{pct:g}".replace(".", "p")
    return Experiment(data_id=f"{dataset_id}__sel{label}_{scorer}" + (f"_r{seed}" if seed else ""), kind="select",
                      protocol=protocol, seeds=seeds,
                      spec={"dataset": dataset_id, "scorer": scorer, "keep": share, "seed": seed})


def sample_scores(paths: ArenaPaths, dataset_id: str, dimension: str) -> dict[str, float]:
    """sample id -> value of one score dimension (NULL values left out)."""
    try:
        table = read_partition(paths, SCORES_TABLE, dataset_id, columns=["sample_id", "dimension", "value"])
    except FileNotFoundError:
        raise FileNotFoundError(f"dataset '{dataset_id}' has no sample scores; score it first") from None
    rows = [r for r in table.to_pylist() if r["dimension"] == dimension and r["value"] is not None]
    if not rows:
        known = sorted({r["dimension"] for r in table.to_pylist()})
        raise ValueError(f"dataset '{dataset_id}' has no values of score dimension '{dimension}'; "
                         f"its dimensions: {known}")
    return {r["sample_id"]: float(r["value"]) for r in rows}


def _tiebreak(sample_id: str, seed: int) -> str:
    return hashlib.sha256(f"{seed}:{sample_id}".encode()).hexdigest()


def selection_arms(samples: list[dict], scores: dict[str, float], share: float, seed: int = 0) -> list[Arm]:
    """Top, bottom and random arms of `share` of the scored samples (same size each)."""
    scored = [r for r in samples if r["sample_id"] in scores]
    if not scored:
        raise ValueError("none of the dataset's samples has a value of the score")
    ranked = sorted(scored, key=lambda r: (-scores[r["sample_id"]], _tiebreak(r["sample_id"], seed)))
    n = max(1, round(len(ranked) * share))
    drawn = random.Random(seed).sample(ranked, n)

    def arm(name: str, rows: list[dict]) -> Arm:
        return Arm(name, name, rows, [scores[r["sample_id"]] for r in rows])

    return [arm("top", ranked[:n]), arm("bottom", ranked[-n:]), arm("random", drawn)]


def build_selection(paths: ArenaPaths, exp: Experiment) -> list[Arm]:
    from training.experiments.arms import read_samples

    spec = exp.spec
    samples = read_samples(paths, spec["dataset"])
    return selection_arms(samples, sample_scores(paths, spec["dataset"], spec["scorer"]), spec["keep"], spec["seed"])


# the pairs a selection experiment compares: (arm, versus)
SELECTION_PAIRS = [("top", "random"), ("top", "bottom"), ("random", "bottom")]
