"""The demo's planted ordering as an experiment: the training sets its ground truth ranks are the arms,
and the pairs it says must come out in order (`demo.arena.ground_truth()["better_than"]`) are the
comparisons. The arms are the catalog's datasets as they are (nothing is derived or retrained: their
ordinary train-evaluate runs are compared), so the ordering lands in `experiment_gains` and
`fct_experiments` with paired-bootstrap intervals over items and seed runs, beside every other
experiment, and the dashboard shows it after `arena demo` (one seed) or `arena validate demo --seeds N`.
"""
from __future__ import annotations

from training.experiments.arms import Arm, Experiment, read_samples
from warehouse.paths import ArenaPaths

PLANTED_DATA_ID = "demo_planted"


def planted_experiment(protocol: str, seeds: int) -> Experiment:
    from demo.arena import PRIMARY_MEASURE, ground_truth

    truth = ground_truth()
    # `measure`: the (benchmark, metric) the ground truth is judged on (the dashboard opens on it)
    return Experiment(data_id=PLANTED_DATA_ID, kind="planted", protocol=protocol, seeds=seeds,
                      spec={"ground_truth": "demo", "measure": list(PRIMARY_MEASURE),
                            "better_than": [list(p) for p in truth["better_than"]]})


def planted_pairs(spec: dict) -> list[tuple[str, str]]:
    """(better, worse) dataset pairs, which are also the arm names."""
    return [(better, worse) for better, worse in spec["better_than"]]


def build_planted(paths: ArenaPaths, exp: Experiment) -> list[Arm]:
    """One arm per dataset the ground truth ranks, trained on the dataset itself."""
    names = list(dict.fromkeys(d for pair in planted_pairs(exp.spec) for d in pair))
    return [Arm(name, "planted", read_samples(paths, name), dataset_id=name) for name in names]
