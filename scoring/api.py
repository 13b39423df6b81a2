"""The scorer plugin contract: what every scorer declares and the two shapes of work it can do.

A scorer measures samples and returns numbers; it never decides what is "good" (Data-Juicer's
split of stats from thresholds): cut-offs live in configuration or SQL over the score tables.

- A `PointwiseScorer` maps a batch of samples to one value per sample and dimension.
- A `SetwiseScorer` summarizes a whole dataset. Its work is split into `init_state` / `update` /
  `merge` / `finalize` so that any sharding of the dataset gives the *identical* result: states are
  mergeable sketches whose merge is exact and order-independent (ODA kept only the last shard).

Metadata (`ScorerSpec`, `Dimension`) is class-level, so the registry can list scorers, and the
warehouse can describe dimensions, without loading any model.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

import numpy as np

from scoring.batch import SampleBatch
from scoring.textstats import TextStats

Category = Literal["heuristic", "model-based", "judge"]
Side = Literal["Q", "A", "QA"]
Kind = Literal["pointwise", "setwise"]

SIDE_PREFIX = {"Q": "q", "A": "a", "QA": "qa"}


@dataclass(frozen=True)
class Dimension:
    """One measured axis. `higher_is_better` is None where neither direction is better (lengths)."""

    name: str
    description: str
    higher_is_better: bool | None = None
    range: tuple[float, float] = (-math.inf, math.inf)


@dataclass(frozen=True)
class ScorerSpec:
    name: str
    version: str
    category: Category
    kind: Kind
    description: str
    dimensions: tuple[Dimension, ...]
    sides: tuple[Side, ...] = ("A",)        # sides this scorer can be applied to; the first is the default
    model: str | None = None                # Hub id or local path of the model it needs (None: no model)
    wants_gpu: bool = False


@dataclass
class PointwiseResult:
    """Values per dimension (float64 arrays, NaN = not applicable), plus per-sample provenance.

    `truncated` says whether any input text was cut to fit a model (never silent: it lands in the
    score table); `windows` is how many windows a long text was scored in (1 = fit at once).
    """

    values: dict[str, np.ndarray]
    truncated: np.ndarray | None = None
    windows: np.ndarray | None = None

    def __post_init__(self) -> None:
        lengths = {len(v) for v in self.values.values()}
        if len(lengths) > 1:
            raise ValueError(f"dimension arrays differ in length: {lengths}")


class Scorer:
    """Base of all scorers: metadata plus the side it is applied to.

    Subclasses set `spec`. Heavy state (models, tokenizers) must be created lazily in `setup()`,
    which the runner calls once per process before the first batch: constructors stay cheap so a
    registry listing or a Dagster definitions import never loads a model.
    """

    spec: ClassVar[ScorerSpec]

    def __init__(self, side: Side | None = None, **params: Any):
        side = side or self.spec.sides[0]
        if side not in self.spec.sides:
            raise ValueError(f"scorer '{self.spec.name}' applies to sides {self.spec.sides}, not '{side}'")
        self.side: Side = side
        self.params = params
        self._ready = False

    @property
    def key(self) -> str:
        """The scorer instance's name in tables: `<side>_<name>` (e.g. `a_mtld`)."""
        return f"{SIDE_PREFIX[self.side]}_{self.spec.name}"

    def dimension_key(self, dim: str) -> str:
        return f"{SIDE_PREFIX[self.side]}_{dim}"

    def ensure_ready(self) -> None:
        if not self._ready:
            self.setup()
            self._ready = True

    def setup(self) -> None:
        """Load models or tables. Called once per process, lazily."""

    def describe(self) -> dict:
        return {
            "scorer": self.key, "name": self.spec.name, "version": self.spec.version,
            "category": self.spec.category, "kind": self.spec.kind, "side": self.side,
            "model": self.spec.model, "wants_gpu": self.spec.wants_gpu,
            "dimensions": [
                {"dimension": self.dimension_key(d.name), "description": d.description,
                 "higher_is_better": d.higher_is_better, "range_min": d.range[0], "range_max": d.range[1]}
                for d in self.spec.dimensions
            ],
        }


class PointwiseScorer(Scorer):
    def score(self, batch: SampleBatch, stats: TextStats) -> PointwiseResult:
        """Score every sample of `batch`. `stats` caches text features shared between scorers."""
        raise NotImplementedError


class SetwiseScorer(Scorer):
    """Whole-dataset summaries computed from mergeable states.

    Contract: for any partition of a dataset into shards S1..Sk and any merge order,
    finalize(merge(update(init, S1), ..., update(init, Sk))) is bit-identical to
    finalize(update(init, S1 ∪ ... ∪ Sk)). Tests check it for every setwise scorer.
    """

    def init_state(self) -> Any:
        raise NotImplementedError

    def update(self, state: Any, batch: SampleBatch, stats: TextStats) -> Any:
        raise NotImplementedError

    def merge(self, a: Any, b: Any) -> Any:
        raise NotImplementedError

    def finalize(self, state: Any) -> "SetResult":
        raise NotImplementedError


@dataclass
class SetResult:
    """A setwise scorer's values for one dataset and how they were obtained.

    `n_samples` records seen; `n_used` records the values are computed from (= n_samples when the
    method is exact over the whole set); `method` says which, in words, with its bound.
    """

    values: dict[str, float]
    n_samples: int
    n_used: int
    method: str


@dataclass
class SuiteEntry:
    """A scorer named in a suite, with its side and constructor parameters."""

    scorer: str
    side: Side | None = None
    params: dict = field(default_factory=dict)
