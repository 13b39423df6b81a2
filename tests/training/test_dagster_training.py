"""The training assets in Dagster: (dataset, protocol) partitions, only the asked pair materializes,
reruns are no-ops that keep one result per run."""
from __future__ import annotations

import dagster as dg
import pyarrow as pa

from dagster_project.defs.training.assets import baseline_results, benchmark_results, training_run
from dagster_project.defs.training.partitions import protocol_partitions, training_partitions
from dagster_project.resources import ArenaLakeResource, EngineResource
from warehouse.tables import BENCHMARK_RESULTS, SAMPLES, TRAINING_RUNS
from tests.training.toy_data import full_rows, toy_rows, write_toy_benchmarks
from training.results import partition_key
from warehouse.lake import list_partitions, read_partition, write_partition


def test_assets_partitioned_over_dataset_and_protocol():
    assert [d.name for d in training_partitions.partitions_defs] == ["dataset", "protocol"]
    assert "tiny_random" in protocol_partitions.get_partition_keys()
    for asset in (training_run, benchmark_results, baseline_results):
        assert asset.op.pool == "gpu"


def test_materialize_one_pair_and_rerun(arena_paths, tmp_path):
    write_toy_benchmarks(arena_paths)
    for ds in ("toy_dagster", "toy_other"):
        write_partition(arena_paths, "samples", ds,
                        pa.Table.from_pylist(full_rows(toy_rows(ds, 24)), schema=SAMPLES.schema))
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("dataset", ["toy_dagster", "toy_other"])
    key = dg.MultiPartitionKey({"dataset": "toy_dagster", "protocol": "tiny_random"})
    resources = {"lake": ArenaLakeResource(home=str(arena_paths.home)), "engine": EngineResource()}
    for _ in range(2):   # the second materialization reuses the run and its results
        result = dg.materialize([training_run, benchmark_results], partition_key=key, instance=instance,
                                resources=resources)
        assert result.success
    part = partition_key("toy_dagster", "tiny_random")
    assert read_partition(arena_paths, TRAINING_RUNS.name, part).num_rows == 1
    results = read_partition(arena_paths, BENCHMARK_RESULTS.name, part).to_pylist()
    assert len({r["run_id"] for r in results}) == 1
    assert len(results) == len({(r["benchmark"], r["metric"], r["filter"]) for r in results})
    # only the asked pair: the other dataset was not trained
    assert partition_key("toy_other", "tiny_random") not in list_partitions(arena_paths, TRAINING_RUNS.name)
    mats = instance.fetch_materializations(training_run.key, limit=5).records
    assert {m.partition_key for m in mats} == {key}

    assert dg.materialize([baseline_results], partition_key="tiny_random", instance=instance,
                          resources=resources).success
    assert partition_key("__base__", "tiny_random") in list_partitions(arena_paths, BENCHMARK_RESULTS.name)


def test_assets_load_beside_the_ingest_assets():
    """The upstream `normalized_samples` is the ingest domain's asset: the dataset dimension maps onto it."""
    from dagster_project.defs import ingest, lineage, training

    defs = dg.Definitions.merge(ingest.defs, lineage.defs, training.defs, dg.Definitions(
        resources={"lake": ArenaLakeResource(home="/tmp/unused"), "engine": EngineResource()}))
    dg.Definitions.validate_loadable(defs)
    graph = defs.resolve_asset_graph()
    assert dg.AssetKey("normalized_samples") in graph.get(training_run.key).parent_keys
    assert graph.get(benchmark_results.key).parent_keys == {training_run.key}
