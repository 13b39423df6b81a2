"""What the LLM-as-judge scorers share: `judge_q` rates the instruction side, `judge_qa` the whole pair (+ relevance).

Per-sample values are the judge's integers 1-10 (NaN where the judge failed for good; the failure is
in `errors`, which the Dagster asset writes to the `judge_errors` table). Usage (requests, tokens,
cache hits) accumulates per dataset in `usage` for the `judge_usage` table.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np

from scoring.api import Dimension, PointwiseResult, PointwiseScorer, ScorerSpec
from scoring.judge.client import JudgeConfig, JudgeRunner, _Item
from scoring.judge.rubrics import Rubric


def judge_spec(name: str, rubric: Rubric) -> ScorerSpec:
    return ScorerSpec(
        name=name, version=rubric.version, category="judge", kind="pointwise",
        description=f"LLM judge, rubric {rubric.version}: " + ", ".join(rubric.dimensions) + " (integers 1-10).",
        dimensions=tuple(Dimension(f"judge_{c.name}", c.question, True, (1, 10)) for c in rubric.criteria),
        sides=(rubric.side,), model="any OpenAI-compatible chat model (ARENA_JUDGE_MODEL)")


class JudgeScorer(PointwiseScorer):
    rubric: Rubric

    def __init__(self, side=None, **params):
        super().__init__(side, **params)
        cfg_fields = set(JudgeConfig.__dataclass_fields__)
        unknown = set(params) - cfg_fields
        if unknown:
            raise TypeError(f"{self.spec.name}: unknown parameters {sorted(unknown)}; known: {sorted(cfg_fields)}")
        self.config = JudgeConfig(**params)
        self.runner: JudgeRunner | None = None
        self.errors: list[dict] = []
        self.usage: dict[str, dict] = defaultdict(lambda: defaultdict(int))

    def setup(self):
        self.runner = JudgeRunner(self.config, self.rubric)

    @property
    def judge_model(self) -> str:
        return self.runner.cfg.model if self.runner else (self.config.model or "")

    def score(self, batch, stats):
        self.ensure_ready()
        items = [_Item(sid, ds, ri, msgs) for sid, ds, ri, msgs in
                 zip(batch.sample_id, batch.dataset_id, batch.record_index, batch.messages)]
        out = self.runner.judge(items)
        self.errors.extend(out.errors)
        if len(batch):
            usage = self.usage[batch.dataset_id[0]]
            for k, v in out.usage.items():
                usage[k] += v
        values = {}
        for crit in self.rubric.dimensions:
            values[f"judge_{crit}"] = np.array([out.scores[s][crit] if s in out.scores else np.nan
                                                for s in batch.sample_id], dtype=np.float64)
        return PointwiseResult(values)

    def usage_rows(self) -> list[dict]:
        return [{"dataset_id": ds, "judge_model": self.judge_model, "rubric_version": self.rubric.version, **dict(u)}
                for ds, u in self.usage.items()]
