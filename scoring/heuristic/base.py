"""Small helpers shared by heuristic scorers (one place for the arithmetic they all repeat)."""
from __future__ import annotations

import math

import numpy as np

from scoring.api import Dimension, ScorerSpec

NAN = math.nan


def heuristic_spec(name: str, description: str, dimensions: list[Dimension], version: str = "1",
                   sides: tuple[str, ...] = ("A", "Q")) -> ScorerSpec:
    return ScorerSpec(name=name, version=version, category="heuristic", kind="pointwise",
                      description=description, dimensions=tuple(dimensions), sides=sides)


def arr(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


def ratio(num: float, den: float) -> float:
    return num / den if den else NAN
