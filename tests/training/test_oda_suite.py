"""ODA's full suite by name: the 22 benchmarks of its leaderboard as lm-eval tasks, resolved offline in
lm-eval's registry (with the tasks the project writes where lm-eval has none)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from results.benchmarks import lookup
from training.evaluation.benchmarks import Benchmark, load_suite, online_runnable
from training.evaluation.tasks import ODA_TASKS_DIR, ONLINE_GROUP, write_online_group

LEADERBOARD = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "oda_leaderboard" / "llm_excerpt.json"
# benchmarks of ODA's suite no lm-eval task exists for yet (each says in benchmarks.yaml what it needs)
WITHOUT_TASK: set[str] = set()
# the project's competition-math tasks (the shared \boxed{} template); the others have test files of their own
COMPETITION_MATH = sorted(p for p in ODA_TASKS_DIR.glob("oda_*.yaml") if "_competition_math_template_yaml" in p.read_text())


@pytest.fixture(scope="module")
def oda_full():
    return [i.benchmark for i in load_suite("oda_full")]


@pytest.fixture(scope="module")
def lm_eval_groups():
    """lm-eval's group names (indexed offline from its task files), looked up once for the module."""
    from lm_eval.tasks import TaskManager

    return set(TaskManager().all_groups)


@pytest.fixture(scope="module")
def registry(tmp_path_factory, oda_full, lm_eval_groups):
    """lm-eval's task names with the project's ODA tasks and the suite's online group (offline: names
    are indexed from the task files, no dataset is opened)."""
    from lm_eval.tasks import TaskManager

    folder = tmp_path_factory.mktemp("online")
    write_online_group([b for b in oda_full if b.online_task], folder, lm_eval_groups)
    return TaskManager(include_path=[str(folder), str(ODA_TASKS_DIR)])


def test_oda_full_names_every_benchmark_of_odas_leaderboard_once(oda_full):
    published = [b.published_as for b in oda_full]
    assert len(published) == len(set(published)) == 22
    assert all(lookup(p) is not None and lookup(p).id == p for p in published)
    assert [b.domain for b in oda_full] == ["general"] * 4 + ["math"] * 9 + ["code"] * 4 + ["reasoning"] * 5


@pytest.mark.skipif(not LEADERBOARD.exists(), reason="../shared/data/oda_leaderboard not present")
def test_oda_full_is_the_qwen3_leaderboard_suite(oda_full):
    rows = json.loads(LEADERBOARD.read_text())["qwen3"]
    tasks = {t["task_name"] for group in rows[0]["task_details"].values() for t in group}
    assert {lookup(t).id for t in tasks} == {b.published_as for b in oda_full}


def test_every_task_of_the_suite_resolves_in_lm_evals_registry_offline(oda_full, registry):
    names = set(registry.all_tasks)
    with_task = [b for b in oda_full if b.online_task]
    assert {b.name for b in oda_full} - {b.name for b in with_task} == WITHOUT_TASK
    unresolved = sorted(b.online_task for b in with_task if b.online_task not in names)
    assert not unresolved, f"tasks lm-eval does not know: {unresolved}"
    assert ONLINE_GROUP in names
    # the project's own tasks are among them, and never shadow one of lm-eval's
    own = sorted(p.stem for p in ODA_TASKS_DIR.glob("oda_*.yaml"))
    assert len(own) == 8 and set(own) <= names and all(b.online_task in names for b in with_task)
    assert {"oda_livecodebench_v5", "oda_kor_bench", "oda_calm"} <= set(own)


def test_every_benchmark_of_the_suite_runs_online_and_one_without_a_task_says_what_it_needs(oda_full):
    ok, skipped = online_runnable(load_suite("oda_full"))
    assert {b.name for b in skipped} == WITHOUT_TASK and len(ok) == 22
    assert not any(b.missing for b in oda_full)
    pending = Benchmark(name="pending", kind="online", domain="reasoning", missing="its items in some form")
    with pytest.raises(ValueError, match="benchmark 'pending' has no lm-eval task for online mode: it needs its items"):
        pending.online_task_or_explain()


# ODA's in-context examples per benchmark, as its OpenCompass configs give them (ODA_SETTINGS.md):
# DROP's three and BBH's three per subtask are written into the prompt, MBPP's three as dialogue
# rounds, MMLU-Pro's five come from its validation split; everything else is zero-shot
ODA_SHOTS = {"drop": 3, "mmlu_pro": 5, "mbpp": 3, "bbh": 3}


def test_online_group_sets_each_benchmarks_shots(tmp_path, oda_full, lm_eval_groups):
    import yaml

    write_online_group([b for b in oda_full if b.online_task], tmp_path, lm_eval_groups)
    members = yaml.safe_load((tmp_path / f"{ONLINE_GROUP}.yaml").read_text())["task"]
    shots = {m.get("task") or m["group"]: m.get("num_fewshot") for m in members}
    assert shots == {b.online_task: ODA_SHOTS.get(b.name, 0) for b in oda_full}
    # gsm8k (lm-eval's default 5) and minerva_math500 (4) are zero-shot as in ODA's configs
    assert shots["gsm8k"] == shots["minerva_math500"] == 0
    # lm-eval's own groups are `group:` members, the others `task:` members
    assert {m["group"] for m in members if "group" in m} == {"agieval", "mmlu_pro", "bbh"}


def test_a_group_member_keeps_its_subtasks_and_passes_them_its_shots(tmp_path):
    """Built by lm-eval offline from local files: the shots reach every subtask of a group member,
    and the subtasks keep their own names (a `task:` member's mapping would rename them all)."""
    import json

    import yaml
    from lm_eval.tasks import TaskManager

    (tmp_path / "docs.jsonl").write_text("".join(json.dumps({"q": f"{i} + 1?", "a": str(i + 1)}) + "\n" for i in range(4)))
    for name in ("toy_part_a", "toy_part_b", "toy_single"):
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump({
            "task": name, "dataset_path": "json", "dataset_kwargs": {"data_files": {"test": str(tmp_path / "docs.jsonl")}},
            "test_split": "test", "output_type": "generate_until", "doc_to_text": "{{q}}", "doc_to_target": "{{a}}",
            "metric_list": [{"metric": "exact_match"}]}))
    (tmp_path / "toy_group.yaml").write_text(yaml.safe_dump({"group": "toy_group", "task": ["toy_part_a", "toy_part_b"]}))
    benches = [Benchmark(name="grouped", kind="online", domain="general", online_task="toy_group", num_fewshot=2),
               Benchmark(name="single", kind="online", domain="general", online_task="toy_single", num_fewshot=1)]
    write_online_group(benches, tmp_path, groups={"toy_group"})
    built = TaskManager(include_path=[str(tmp_path)], include_defaults=False).load([ONLINE_GROUP])["tasks"]
    assert {name: task.config.num_fewshot for name, task in built.items()} == {"toy_part_a": 2, "toy_part_b": 2,
                                                                                "toy_single": 1}


def test_five_project_tasks_are_competition_math():
    assert [p.stem for p in COMPETITION_MATH] == ["oda_brumo_2025", "oda_cmimc_2025", "oda_hmmt_feb_2025",
                                                 "oda_olympiadbench_math", "oda_omni_math"]


@pytest.mark.parametrize("path", COMPETITION_MATH, ids=lambda p: p.stem)
def test_project_math_tasks_are_greedy_zero_shot_and_score_boxed_answers(path):
    from lm_eval.tasks._yaml_loader import load_yaml

    cfg = load_yaml(path)
    assert cfg["task"] == path.stem and cfg["dataset_path"] and cfg["test_split"]
    assert cfg["num_fewshot"] == 0 and cfg["generation_kwargs"]["do_sample"] is False
    score = cfg["process_results"]
    assert score({"answer": "42"}, ["... so the total is \\boxed{42}."]) == {"exact_match": 1.0}
    assert score({"answer": "\\frac{1}{2}"}, ["We get \\boxed{0.5}"]) == {"exact_match": 1.0}
    assert score({"answer": "42"}, ["\\boxed{41}, not 42"]) == {"exact_match": 0.0}


def test_olympiadbench_rows_become_problem_and_first_final_answer():
    from datasets import Dataset
    from lm_eval.tasks._yaml_loader import load_yaml

    cfg = load_yaml(ODA_TASKS_DIR / "oda_olympiadbench_math.yaml")
    rows = Dataset.from_list([{"question": "Find x.", "final_answer": ["$3$"], "id": 7},
                              {"question": "Find y.", "final_answer": ["$\\frac{1}{2}$", "$1$"], "id": 8}])
    docs = cfg["process_docs"](rows).to_list()
    assert docs == [{"problem": "Find x.", "answer": "$3$"}, {"problem": "Find y.", "answer": "$\\frac{1}{2}$"}]
    assert cfg["process_results"](docs[1], ["\\boxed{1/2}"]) == {"exact_match": 0.0}
    assert cfg["process_results"](docs[1], ["\\boxed{\\frac{1}{2}}"]) == {"exact_match": 1.0}


def test_a_group_benchmarks_items_and_count_come_from_its_subtasks(tmp_path):
    """lm-eval reports a group's aggregate under the group's name and its items under the subtasks:
    the rows a run lands count and keep every subtask's items (run here on lm-eval's dummy model)."""
    import json

    import lm_eval
    import yaml
    from lm_eval.models.dummy import DummyLM
    from lm_eval.tasks import TaskManager

    from training.evaluation.evaluate import collect_results, leaf_tasks

    (tmp_path / "docs.jsonl").write_text("".join(json.dumps({"q": f"{i} + 1?", "a": str(i + 1)}) + "\n" for i in range(4)))
    for name in ("toy_part_a", "toy_part_b", "toy_single"):
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump({
            "task": name, "dataset_path": "json", "dataset_kwargs": {"data_files": {"test": str(tmp_path / "docs.jsonl")}},
            "test_split": "test", "output_type": "generate_until", "doc_to_text": "{{q}}", "doc_to_target": "{{a}}",
            "metric_list": [{"metric": "exact_match", "aggregation": "mean", "higher_is_better": True}]}))
    (tmp_path / "toy_group.yaml").write_text(yaml.safe_dump({
        "group": "toy_group", "task": ["toy_part_a", "toy_part_b"],
        "aggregate_metric_list": [{"metric": "exact_match", "aggregation": "mean", "weight_by_size": True}]}))
    grouped = Benchmark(name="grouped", kind="online", domain="general", online_task="toy_group", num_fewshot=0)
    single = Benchmark(name="single", kind="online", domain="general", online_task="toy_single", num_fewshot=0)
    group = write_online_group([grouped, single], tmp_path, groups={"toy_group"})
    results = lm_eval.simple_evaluate(model=DummyLM(), tasks=[group], log_samples=True,
                                      task_manager=TaskManager(include_path=[str(tmp_path)], include_defaults=False))
    assert leaf_tasks(results, "toy_group") == ["toy_part_a", "toy_part_b"]
    metrics, predictions = collect_results(results, {"toy_group": (grouped, None), "toy_single": (single, None)})
    counts = {m["benchmark"]: m["n"] for m in metrics if m["metric"] == "exact_match"}
    assert counts == {"grouped": 8, "single": 4}
    items = [(p["benchmark"], p["item_index"], p["item_id"]) for p in predictions]
    assert [i for i in items if i[0] == "grouped"] == [("grouped", k, f"toy_part_{part}/{d}")
                                                       for k, (part, d) in enumerate((p, d) for p in "ab" for d in range(4))]
    assert [i[1] for i in items if i[0] == "single"] == [0, 1, 2, 3]
    assert all(p["response"] == "lol" for p in predictions)   # the dummy model's reply, read from every item
