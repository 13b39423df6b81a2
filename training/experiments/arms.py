"""The experiment lake tables: each experiment's definition and arms, and the gains between arms.

`experiment_arms` has one row per arm (the experiment's definition repeated on each, so one table says
what was run); an arm is a derived dataset whose samples sit in the lake's `samples` table under the
arm's `dataset_id`, or (the demo's planted ordering) an existing dataset trained on as it is.
`experiment_gains` has one row per compared pair of arms and benchmark metric.
Both are declared in warehouse/tables.py, partitioned by experiment id and replaced whole on rerun.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pyarrow as pa

from warehouse.lake import read_partition, write_partition
from warehouse.paths import ArenaPaths
from warehouse.tables import EXPERIMENT_ARMS, EXPERIMENT_GAINS, SAMPLES

SAMPLES_TABLE, SAMPLE_SCHEMA = SAMPLES.name, SAMPLES.schema

ARMS_TABLE = EXPERIMENT_ARMS.name
GAINS_TABLE = EXPERIMENT_GAINS.name
ARM_SCHEMA = EXPERIMENT_ARMS.schema
GAIN_SCHEMA = EXPERIMENT_GAINS.schema


def approx_tokens(row: dict) -> int:
    """Tokens of a sample as the warehouse estimates them: characters of prompt and response over 4."""
    return int(((row.get("instruction_chars") or 0) + (row.get("response_chars") or 0)) / 4)


@dataclass
class Arm:
    """One arm: its name, its role and the source rows it trains on (with their selection scores)."""
    name: str
    role: str
    rows: list[dict]
    scores: list[float] = field(default_factory=list)
    dataset_id: str | None = None   # an existing dataset trained on as it is; None: derived, written as a new one


def parse_measure(text: str) -> list[str]:
    """`benchmark:metric` -> [benchmark, metric]: the measure an experiment is judged on (recorded in its
    definition as `measure`; the dashboard opens the experiment on it)."""
    benchmark, sep, metric = text.partition(":")
    if not sep or not benchmark.strip() or not metric.strip():
        raise ValueError(f"measure {text!r}: expected benchmark:metric, e.g. demo_math_bench_final:final_greedy")
    return [benchmark.strip(), metric.strip()]


@dataclass(frozen=True)
class Experiment:
    """An experiment: its data (`data_id` names the arms' derived datasets, so the same subsets are
    reused under another protocol or seed count) and the protocol and seeds that train them."""
    data_id: str
    kind: str
    protocol: str
    seeds: int
    spec: dict

    @property
    def experiment_id(self) -> str:
        return f"{self.data_id}__{self.protocol}__x{self.seeds}"

    def arm_dataset(self, arm: str) -> str:
        return f"{self.data_id}__{arm}"


def write_arms(paths: ArenaPaths, exp: Experiment, arms: list[Arm]) -> list[dict]:
    """Write each arm's samples as a derived dataset and the arms table; returns the arm rows."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    rows = []
    for arm in arms:
        dataset_id = arm.dataset_id or exp.arm_dataset(arm.name)
        if arm.dataset_id is None:
            samples = [r | {"dataset_id": dataset_id, "record_index": i} for i, r in enumerate(arm.rows)]
            write_partition(paths, SAMPLES_TABLE, dataset_id, pa.Table.from_pylist(samples, schema=SAMPLE_SCHEMA),
                            schema=SAMPLE_SCHEMA)
        sources: dict[str, int] = {}
        for r in arm.rows:
            sources[r["dataset_id"]] = sources.get(r["dataset_id"], 0) + 1
        rows.append({"experiment_id": exp.experiment_id, "kind": exp.kind, "protocol": exp.protocol,
                     "seeds": exp.seeds, "spec_json": json.dumps(exp.spec, sort_keys=True), "arm": arm.name,
                     "dataset_id": dataset_id, "role": arm.role, "n_samples": len(arm.rows),
                     "approx_tokens": sum(approx_tokens(r) for r in arm.rows),
                     "sources_json": json.dumps(sources, sort_keys=True),
                     "score_min": min(arm.scores) if arm.scores else None,
                     "score_max": max(arm.scores) if arm.scores else None, "created_at": now})
    write_partition(paths, ARMS_TABLE, exp.experiment_id, pa.Table.from_pylist(rows, schema=ARM_SCHEMA),
                    schema=ARM_SCHEMA)
    return rows


def read_arms(paths: ArenaPaths, experiment_id: str) -> list[dict]:
    try:
        return read_partition(paths, ARMS_TABLE, experiment_id).to_pylist()
    except FileNotFoundError:
        raise FileNotFoundError(f"experiment '{experiment_id}' has no arms in the lake; materialize "
                                "experiment_datasets for it first") from None


def read_samples(paths: ArenaPaths, dataset_id: str) -> list[dict]:
    """The dataset's samples, first occurrences only (the rows training would use)."""
    try:
        rows = read_partition(paths, SAMPLES_TABLE, dataset_id).to_pylist()
    except FileNotFoundError:
        raise FileNotFoundError(f"dataset '{dataset_id}' has no samples in the lake; ingest it first") from None
    return [r for r in rows if not r.get("is_duplicate")]
