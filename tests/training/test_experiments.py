"""Selection and mixture arms, seed replicas of protocols, and an experiment end to end under tiny_random."""
from __future__ import annotations

import json

import dagster as dg
import pyarrow as pa
import pytest

from scoring.heuristic.arithmetic_check import check
from tests.training.toy_data import full_rows, toy_rows, write_toy_benchmarks
from training.experiments.arms import approx_tokens
from training.experiments.mixture import mixture_arms, mixture_experiment, parse_budget, parse_mix, quotas
from training.experiments.selection import parse_share, selection_arms, selection_experiment
from training.protocols import load_protocol, protocol_keys, seed_keys, split_seed
from warehouse.lake import read_partition, write_partition
from warehouse.tables import SAMPLES


def _clean_and_wrong(dataset_id: str, n_clean: int, n_wrong: int) -> list[dict]:
    rows = toy_rows(dataset_id, n_clean) + toy_rows(dataset_id, n_wrong, wrong=True, offset=n_clean)
    return full_rows(rows)


def _scores(rows: list[dict]) -> dict[str, float]:
    return {r["sample_id"]: check(r["response_text"])[1] for r in rows}


def test_seed_replicas_keep_replica_one_and_change_the_seed():
    base = load_protocol("tiny_random")
    second = load_protocol("tiny_random@seed2")
    assert second.seed == base.seed + 1 and second.name == "tiny_random@seed2" and second.hash != base.hash
    assert seed_keys("tiny_random", 3) == ["tiny_random", "tiny_random@seed2", "tiny_random@seed3"]
    assert split_seed("tiny_random@seed3") == ("tiny_random", 3) and split_seed("tiny_random") == ("tiny_random", 1)
    assert "tiny_random" in protocol_keys() and "tiny_random@seed5" in protocol_keys()
    with pytest.raises(KeyError):
        load_protocol("tiny_random@seed9")


def test_selection_arms_rank_by_the_score():
    rows = _clean_and_wrong("mixed", 30, 30)
    arms = {a.name: a for a in selection_arms(rows, _scores(rows), 0.25, seed=1)}
    assert {n: len(a.rows) for n, a in arms.items()} == {"top": 15, "bottom": 15, "random": 15}
    assert all(s == 1 for s in arms["top"].scores) and all(s == 0 for s in arms["bottom"].scores)
    assert 0 < sum(arms["random"].scores) < 15     # a draw from both halves
    assert selection_arms(rows, _scores(rows), 0.25, seed=1)[2].rows == arms["random"].rows   # seeded


def test_selection_experiment_ids_and_share_parsing():
    assert parse_share("25%") == 0.25 and parse_share(0.1) == 0.1 and parse_share("10") == 0.1
    with pytest.raises(ValueError):
        parse_share("60%")
    exp = selection_experiment("d", "a_arithmetic_correct", "25%", "tiny_random", 3)
    assert exp.arm_dataset("top") == "d__sel25_a_arithmetic_correct__top"
    assert exp.experiment_id == "d__sel25_a_arithmetic_correct__tiny_random__x3"


def test_a_named_measure_is_recorded_without_changing_the_arms_data():
    from dagster_project.defs.experiments.assets import ExperimentConfig, experiment_of

    plain = experiment_of(ExperimentConfig(kind="mix", mix="a=1,b=1", protocol="p"))
    judged = experiment_of(ExperimentConfig(kind="mix", mix="a=1,b=1", protocol="p", measure="bench: acc"))
    assert judged.spec["measure"] == ["bench", "acc"] and "measure" not in plain.spec
    assert judged.data_id == plain.data_id and judged.experiment_id == plain.experiment_id
    for bad in ("bench", "bench:", ":acc"):
        with pytest.raises(ValueError, match="benchmark:metric"):
            experiment_of(ExperimentConfig(kind="select", dataset="d", scorer="s", protocol="p", measure=bad))


def test_mixture_arms_spend_the_same_budget():
    a, b = full_rows(toy_rows("a", 40)), full_rows(toy_rows("b", 40, offset=100))
    weights = parse_mix("a=3,b=1")
    assert weights == {"a": 0.75, "b": 0.25} and parse_budget("tokens:500") == ("tokens", 500)
    assert quotas({"a": 0.5, "b": 0.5}, 7) in ({"a": 4, "b": 3}, {"a": 3, "b": 4})
    arms = {x.name: x for x in mixture_arms({"a": a, "b": b}, weights, "samples", 20)}
    assert {n: len(x.rows) for n, x in arms.items()} == {"mixture": 20, "single_a": 20, "single_b": 20}
    assert sum(r["dataset_id"] == "a" for r in arms["mixture"].rows) == 15
    by_tokens = mixture_arms({"a": a, "b": b}, weights, "tokens", 300)
    for arm in by_tokens:
        assert 300 <= sum(approx_tokens(r) for r in arm.rows) < 300 + 2 * max(approx_tokens(r) for r in a + b)   # one sample over per part
    with pytest.raises(ValueError):
        mixture_arms({"a": a, "b": b}, weights, "samples", 100)
    assert mixture_experiment("a=1,b=1", "samples:20", "p", 1).data_id.startswith("mix_samples20_")


@pytest.mark.slow
def test_selection_experiment_end_to_end(paths, arena_home):
    """Arms written by the asset train and evaluate through the unchanged train-evaluate assets under
    tiny_random with two seeds; the gains land with intervals for each compared pair."""
    from dagster_project.defs.experiments.assets import experiment_datasets, experiment_gains
    from dagster_project.defs.training.assets import baseline_results, benchmark_results, training_run
    from dagster_project.resources import ArenaLakeResource, EngineResource
    from training.experiments.arms import ARMS_TABLE, GAINS_TABLE

    write_toy_benchmarks(paths)
    rows = _clean_and_wrong("toy_mixed", 24, 24)
    write_partition(paths, "samples", "toy_mixed", pa.Table.from_pylist(rows, schema=SAMPLES.schema))
    write_partition(paths, "sample_scores", "toy_mixed", pa.Table.from_pylist(
        [{"dataset_id": "toy_mixed", "sample_id": sid, "dimension": "a_arithmetic_correct", "value": v}
         for sid, v in _scores(rows).items()]))
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("dataset", ["toy_mixed"])
    resources = {"lake": ArenaLakeResource(home=str(paths.home)), "engine": EngineResource()}
    config = {"kind": "select", "dataset": "toy_mixed", "scorer": "a_arithmetic_correct", "keep": "25%",
              "protocol": "tiny_random", "seeds": 2}
    result = dg.materialize([experiment_datasets], instance=instance, resources=resources,
                            run_config={"ops": {"experiment_datasets": {"config": config}}})
    assert result.success
    arms = read_partition(paths, ARMS_TABLE, "toy_mixed__sel25_a_arithmetic_correct__tiny_random__x2").to_pylist()
    assert {a["arm"]: a["n_samples"] for a in arms} == {"top": 12, "bottom": 12, "random": 12}
    top = read_partition(paths, "samples", "toy_mixed__sel25_a_arithmetic_correct__top").to_pylist()
    assert all(check(r["response_text"])[1] == 1 for r in top)
    assert set(instance.get_dynamic_partitions("dataset")) >= {a["dataset_id"] for a in arms}
    edges = read_partition(paths, "lineage_edges", "experiment_toy_mixed__sel25_a_arithmetic_correct").to_pylist()
    assert {(e["source_id"], e["relationship"]) for e in edges} == {("toy_mixed", "subset")}

    for arm in arms:
        for protocol in seed_keys("tiny_random", 2):
            key = dg.MultiPartitionKey({"dataset": arm["dataset_id"], "protocol": protocol})
            assert dg.materialize([training_run, benchmark_results], partition_key=key, instance=instance,
                                  resources=resources).success
    assert dg.materialize([baseline_results], partition_key="tiny_random", instance=instance,
                          resources=resources).success
    experiment_id = arms[0]["experiment_id"]
    assert dg.materialize([experiment_gains], instance=instance, resources=resources, run_config={
        "ops": {"experiment_gains": {"config": {"experiment_id": experiment_id}}}}).success
    gains = read_partition(paths, GAINS_TABLE, experiment_id).to_pylist()
    pairs = {(g["arm"], g["versus"]) for g in gains}
    assert {("top", "random"), ("top", "bottom"), ("random", "bottom"), ("top", "base")} <= pairs
    for g in gains:
        assert g["ci_low"] <= g["gain"] <= g["ci_high"] and g["n_items"] > 0
        assert g["arm_seeds"] == 2 and g["versus_seeds"] == (1 if g["versus"] == "base" else 2)
    assert json.loads(arms[0]["spec_json"])["keep"] == 0.25


@pytest.mark.slow
def test_planted_ordering_compares_the_demo_sets_as_they_are(paths, arena_home):
    """The planted experiment's arms are the datasets the demo's ground truth ranks, trained as they are:
    no derived samples or lineage edges are written, and the gains compare their ordinary train-evaluate
    runs along the ground truth's pairs (and each against the untuned base)."""
    from dagster_project.defs.experiments.assets import experiment_datasets, experiment_gains
    from dagster_project.defs.training.assets import baseline_results, benchmark_results, training_run
    from dagster_project.resources import ArenaLakeResource, EngineResource
    from demo.arena import ground_truth
    from training.experiments.arms import ARMS_TABLE, GAINS_TABLE
    from warehouse.lake import has_partition

    pairs = {tuple(p) for p in ground_truth()["better_than"]}
    names = sorted({d for p in pairs for d in p})
    write_toy_benchmarks(paths)
    for i, ds in enumerate(names):
        rows = full_rows(toy_rows(ds, 16, wrong=ds.endswith("noisy"), offset=100 * i))
        write_partition(paths, "samples", ds, pa.Table.from_pylist(rows, schema=SAMPLES.schema))
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("dataset", names)
    resources = {"lake": ArenaLakeResource(home=str(paths.home)), "engine": EngineResource()}
    config = {"kind": "planted", "protocol": "tiny_random"}
    assert dg.materialize([experiment_datasets], instance=instance, resources=resources,
                          run_config={"ops": {"experiment_datasets": {"config": config}}}).success
    arms = read_partition(paths, ARMS_TABLE, "demo_planted__tiny_random__x1").to_pylist()
    assert {a["arm"]: (a["dataset_id"], a["n_samples"]) for a in arms} == {d: (d, 16) for d in names}
    assert not has_partition(paths, "lineage_edges", "experiment_demo_planted")
    assert [r["dataset_id"] for r in read_partition(paths, "samples", names[0]).to_pylist()] == [names[0]] * 16

    for ds in names:
        key = dg.MultiPartitionKey({"dataset": ds, "protocol": "tiny_random"})
        assert dg.materialize([training_run, benchmark_results], partition_key=key, instance=instance,
                              resources=resources).success
    assert dg.materialize([baseline_results], partition_key="tiny_random", instance=instance,
                          resources=resources).success
    assert dg.materialize([experiment_gains], instance=instance, resources=resources, run_config={
        "ops": {"experiment_gains": {"config": {"experiment_id": "demo_planted__tiny_random__x1"}}}}).success
    gains = read_partition(paths, GAINS_TABLE, "demo_planted__tiny_random__x1").to_pylist()
    compared = {(g["arm"], g["versus"]) for g in gains}
    assert compared == pairs | {(d, "base") for d in names}
    assert all(g["kind"] == "planted" and g["ci_low"] <= g["gain"] <= g["ci_high"] for g in gains)


@pytest.mark.parametrize("argv", [
    ["experiment", "select", "--dataset", "d", "--scorer", "a_x", "--keep", "80%"],
    ["experiment", "mix", "--mix", "only_one=1", "--budget", "samples:10"],
    ["experiment", "mix", "--mix", "a=1,b=1", "--budget", "rows:10"],
])
def test_cli_refuses_an_ill_formed_experiment_before_running_anything(argv, tmp_path, monkeypatch):
    from arena_cli.main import main

    home = tmp_path / "fresh_arena"    # not the training tests' shared home, which other tests fill
    monkeypatch.setenv("ARENA_HOME", str(home))
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster_home"))
    assert main(argv) == 2
    assert not (home / "lake").exists()


def test_planted_stability_counts_the_seeds_that_keep_the_order():
    from arena_cli.validation import planted_stability

    rankings = [{"seed": s, "dataset_id": d, "score": v} for s, d, v in
                [(1, "clean", 0.4), (1, "noisy", 0.2), (2, "clean", 0.3), (2, "noisy", 0.35),
                 (3, "clean", 0.5), (3, "noisy", 0.25)]]
    assert planted_stability(rankings, [("clean", "noisy")]) == [
        {"better": "clean", "worse": "noisy", "seeds": 3, "seeds_held": 2}]


def test_mixture_arms_are_written_as_datasets_with_lineage(paths):
    """The asset writes the mixture and its single-dataset arms, registers them as dataset partitions
    and declares each arm's derivation (mixture of two sources, subset of one)."""
    from dagster_project.defs.experiments.assets import experiment_datasets
    from dagster_project.resources import ArenaLakeResource

    for ds, offset in (("toy_a", 0), ("toy_b", 100)):
        write_partition(paths, "samples", ds, pa.Table.from_pylist(full_rows(toy_rows(ds, 30, offset=offset)),
                                                                   schema=SAMPLES.schema))
    instance = dg.DagsterInstance.ephemeral()
    config = {"kind": "mix", "mix": "toy_a=0.5,toy_b=0.5", "budget": "samples:20", "protocol": "tiny_random"}
    assert dg.materialize([experiment_datasets], instance=instance,
                          resources={"lake": ArenaLakeResource(home=str(paths.home))},
                          run_config={"ops": {"experiment_datasets": {"config": config}}}).success
    exp = mixture_experiment("toy_a=0.5,toy_b=0.5", "samples:20", "tiny_random", 1)
    arms = {a["arm"]: a for a in read_partition(paths, "experiment_arms", exp.experiment_id).to_pylist()}
    assert set(arms) == {"mixture", "single_toy_a", "single_toy_b"}
    assert json.loads(arms["mixture"]["sources_json"]) == {"toy_a": 10, "toy_b": 10}
    assert all(a["n_samples"] == 20 for a in arms.values())
    assert set(instance.get_dynamic_partitions("dataset")) == {a["dataset_id"] for a in arms.values()}
    edges = read_partition(paths, "lineage_edges", f"experiment_{exp.data_id}").to_pylist()
    assert {(e["source_id"], e["target_id"], e["relationship"]) for e in edges} == {
        ("toy_a", arms["mixture"]["dataset_id"], "mixture"), ("toy_b", arms["mixture"]["dataset_id"], "mixture"),
        ("toy_a", arms["single_toy_a"]["dataset_id"], "subset"), ("toy_b", arms["single_toy_b"]["dataset_id"], "subset")}
    mixed = read_partition(paths, "samples", arms["mixture"]["dataset_id"]).to_pylist()
    assert [r["record_index"] for r in mixed] == list(range(20))
