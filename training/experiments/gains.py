"""An experiment's gains: each compared pair of arms (and each arm against the untuned base model) on
every benchmark metric of the protocol's suite, as a paired bootstrap over items and seed runs."""
from __future__ import annotations

import json

import pyarrow as pa

from training.evaluation.dataset_gaps import dataset_gaps
from training.experiments.arms import GAIN_SCHEMA, GAINS_TABLE, read_arms
from training.experiments.mixture import mixture_pairs
from training.experiments.planted import planted_pairs
from training.experiments.selection import SELECTION_PAIRS
from training.results import partition_key
from warehouse.lake import has_partition, read_partition, write_partition
from warehouse.paths import ArenaPaths
from warehouse.tables import BENCHMARK_RESULTS

RESULTS_TABLE = BENCHMARK_RESULTS.name

BASE = "__base__"


def measures_of(paths: ArenaPaths, dataset_id: str, protocol: str) -> list[tuple[str, str]]:
    """The (benchmark, metric) pairs a run was evaluated on."""
    part = partition_key(dataset_id, protocol)
    if not has_partition(paths, RESULTS_TABLE, part):
        raise FileNotFoundError(f"no benchmark results for '{dataset_id}' under '{protocol}': train and "
                                "evaluate the experiment's arms first")
    rows = read_partition(paths, RESULTS_TABLE, part, columns=["benchmark", "metric"]).to_pylist()
    return sorted({(r["benchmark"], r["metric"]) for r in rows})


def experiment_gains(paths: ArenaPaths, experiment_id: str) -> list[dict]:
    """Compute and write the experiment's gains (lake table `experiment_gains`); returns the rows."""
    arms = read_arms(paths, experiment_id)
    first = arms[0]
    kind, protocol, seeds = first["kind"], first["protocol"], first["seeds"]
    dataset_of = {a["arm"]: a["dataset_id"] for a in arms}
    if kind == "select":
        pairs = SELECTION_PAIRS
    elif kind == "mix":
        pairs = mixture_pairs(list(dataset_of))
    else:
        pairs = planted_pairs(json.loads(first["spec_json"]))
    compared = [(dataset_of[a], dataset_of[b]) for a, b in pairs]
    if has_partition(paths, RESULTS_TABLE, partition_key(BASE, protocol)):
        compared += [(dataset_of[a], BASE) for a in dataset_of]
    arm_of = {v: k for k, v in dataset_of.items()} | {BASE: "base"}
    measures = measures_of(paths, first["dataset_id"], protocol)
    rows = []
    for gap in dataset_gaps(paths, protocol, compared, measures, seeds=seeds):
        rows.append({"experiment_id": experiment_id, "kind": kind, "protocol": protocol,
                     "arm": arm_of[gap["better"]], "versus": arm_of[gap["worse"]], "benchmark": gap["benchmark"],
                     "metric": gap["metric"], "arm_mean": gap["better_mean"], "versus_mean": gap["worse_mean"],
                     "gain": gap["gap"], "ci_low": gap["ci95"][0], "ci_high": gap["ci95"][1],
                     "n_items": gap["n_items"], "arm_seeds": gap["n_seeds"][0], "versus_seeds": gap["n_seeds"][1],
                     "p_not_better": gap["p_not_better"]})
    write_partition(paths, GAINS_TABLE, experiment_id, pa.Table.from_pylist(rows, schema=GAIN_SCHEMA),
                    schema=GAIN_SCHEMA)
    return rows
