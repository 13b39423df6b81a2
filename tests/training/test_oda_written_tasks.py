"""The three ODA tasks the project writes where lm-eval has none: LiveCodeBench v5, KOR-Bench, CaLM.

Each is checked on made-up records in its benchmark's real file layout: the data is served from a
loopback HTTP server (no Hub, no GitHub) and read by the task's own loading path, then its prompts,
answer reading and scoring are checked; LiveCodeBench solutions, right and wrong, run in the real
sandbox.
"""
from __future__ import annotations

import base64
import functools
import http.server
import json
import pickle
import threading
import time
import zlib
from pathlib import Path

import pytest

from training.evaluation.tasks import ODA_TASKS_DIR

WRITTEN = ["oda_calm", "oda_kor_bench", "oda_livecodebench_v5"]


def _config(task: str) -> dict:
    from lm_eval.tasks._yaml_loader import load_yaml

    return load_yaml(ODA_TASKS_DIR / f"{task}.yaml")


@pytest.fixture(scope="module")
def serve():
    """serve(folder) -> (base URL of a loopback HTTP server over `folder`, the paths it was asked for)."""
    import datasets

    # the test session is offline for the Hub; these downloads only reach 127.0.0.1
    patch = pytest.MonkeyPatch()
    patch.setattr(datasets.config, "HF_HUB_OFFLINE", False)
    servers = []

    def start(folder: Path):
        asked: list[str] = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                asked.append(self.path)
                super().do_GET()

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", asked

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
    patch.undo()


def _write_jsonl(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory, serve):
    """The three tasks as lm-eval builds them, their data served in the benchmarks' layouts: one
    TaskManager, whose metadata (it reaches every task) points the KOR-Bench and CaLM loaders at
    their folders; LiveCodeBench is its own YAML with the release files' URLs moved to the server."""
    from lm_eval.tasks import TaskManager

    root = tmp_path_factory.mktemp("served")
    write_kor_bench_files(root / "kor" / "data")
    write_calm_files(root / "calm" / "calm_lite_dataset")
    write_lcb_files(root / "lcb")
    kor_base, kor_asked = serve(root / "kor" / "data")
    calm_base, calm_asked = serve(root / "calm")
    lcb_base, lcb_asked = serve(root / "lcb")
    lcb = _config("oda_livecodebench_v5")
    files = [f.replace(HF_PREFIX, lcb_base + "/") for f in lcb["dataset_kwargs"]["data_files"]["test"]]
    (root / "tasks").mkdir()
    (root / "tasks" / f"{LCB_SERVED}.yaml").write_text(json.dumps(
        {"include": str(ODA_TASKS_DIR / "oda_livecodebench_v5.yaml"), "task": LCB_SERVED,
         "dataset_kwargs": {"data_files": {"test": files}, "cache_dir": str(root / "cache")}}))
    manager = TaskManager(include_path=[str(root / "tasks"), str(ODA_TASKS_DIR)],
                          metadata={"kor_bench_url": kor_base, "calm_url": f"{calm_base}/calm_lite_dataset",
                                    "cache_dir": str(root / "cache")})
    tasks = manager.load_task_or_group(["oda_kor_bench", "oda_calm", LCB_SERVED])
    return {"manager": manager, "kor": (tasks["oda_kor_bench"], kor_asked), "calm": (tasks["oda_calm"], calm_asked),
            "lcb": (tasks[LCB_SERVED], lcb_asked)}


@pytest.mark.parametrize("task", WRITTEN)
def test_written_tasks_are_greedy_zero_shot_and_declare_what_they_score(task):
    cfg = _config(task)
    assert cfg["task"] == task and cfg["test_split"] == "test" and cfg["num_fewshot"] == 0
    assert cfg["output_type"] == "generate_until"
    assert cfg["generation_kwargs"]["do_sample"] is False and cfg["generation_kwargs"]["temperature"] == 0.0
    assert callable(cfg["process_results"])
    assert cfg.get("custom_dataset") or cfg["dataset_kwargs"]["data_files"]["test"]


def test_the_sandbox_imports_the_modules_a_caller_preloads_and_hides_the_request():
    from training.sandbox import Limits, run_program

    program = ("import os, signal\nsignal.setitimer(signal.ITIMER_REAL, 0)\n"
               "assert 'ARENA_SANDBOX_PRELOAD' not in os.environ\n")
    assert run_program(program, Limits(wall_s=20, cpu_s=20), preload=("signal",)).passed


# ---------------------------------------------------------------------------- LiveCodeBench v5

HF_PREFIX = "https://huggingface.co/datasets/livecodebench/code_generation_lite/resolve/main/"

STDIN_PUBLIC = [{"input": "3\n1 2 3\n", "output": "6\n", "testtype": "stdin"}]
STDIN_PRIVATE = [{"input": "2\n-5 5\n", "output": "0\n", "testtype": "stdin"},
                 {"input": "1\n7\n", "output": "7", "testtype": "stdin"}]
FUNC_PUBLIC = [{"input": "[3, 1, 2]\n1", "output": "[4, 2, 3]", "testtype": "functional"}]
FUNC_PRIVATE = [{"input": "[]\n5", "output": "[]", "testtype": "functional"},
                {"input": "[10]\n-10", "output": "[0]", "testtype": "functional"}]


def encoded_private(tests: list[dict]) -> str:
    """A private_test_cases field as code_generation_lite stores it: base64 of zlib of a pickled JSON string."""
    return base64.b64encode(zlib.compress(pickle.dumps(json.dumps(tests)))).decode()


def lcb_problem(qid: str, date: str, *, functional: bool) -> dict:
    return {"question_title": f"Problem {qid}",
            "question_content": f"Problem {qid}: add up the numbers." if not functional else "Add k to every element.",
            "platform": "leetcode" if functional else "atcoder", "question_id": qid, "contest_id": "c1",
            "contest_date": date,
            "starter_code": "class Solution:\n    def addAll(self, nums: List[int], k: int) -> List[int]:\n        " if functional else "",
            "difficulty": "easy",
            "public_test_cases": json.dumps(FUNC_PUBLIC if functional else STDIN_PUBLIC),
            "private_test_cases": encoded_private(FUNC_PRIVATE if functional else STDIN_PRIVATE),
            "metadata": json.dumps({"func_name": "addAll"} if functional else {})}


LCB_SERVED = "oda_livecodebench_v5_served"


def lcb_release_files() -> dict[str, list[dict]]:
    """Problems in the five files of release_v5, dated around both ends of ODA's window."""
    return {"test.jsonl": [lcb_problem("old", "2023-05-07T00:00:00", functional=False)],
            "test2.jsonl": [], "test3.jsonl": [lcb_problem("jul31", "2024-07-31T23:30:00", functional=True)],
            "test4.jsonl": [lcb_problem("aug1", "2024-08-01T00:00:00", functional=False),
                            lcb_problem("sep", "2024-09-14T00:00:00", functional=True)],
            "test5.jsonl": [lcb_problem("feb1", "2025-02-01T00:00:00", functional=False),
                            lcb_problem("feb2", "2025-02-02T00:00:00", functional=False)]}


def write_lcb_files(folder: Path) -> None:
    for name, records in lcb_release_files().items():
        _write_jsonl(folder / name, records)


@pytest.fixture(scope="module")
def lcb_docs(served):
    """The problems as the task's json data files and process_docs give them."""
    task, asked = served["lcb"]
    assert sorted(set(asked)) == [f"/{name}" for name in sorted(lcb_release_files())]
    return {d["question_id"]: d for d in task.test_docs()}


def test_lcb_reads_release_v5_as_its_five_files():
    files = _config("oda_livecodebench_v5")["dataset_kwargs"]["data_files"]["test"]
    assert [f.removeprefix(HF_PREFIX) for f in files] == ["test.jsonl", "test2.jsonl", "test3.jsonl", "test4.jsonl",
                                                          "test5.jsonl"]


def test_lcb_keeps_odas_v5_window_and_prompts_in_livecodebenchs_layout(lcb_docs):
    assert list(lcb_docs) == ["aug1", "sep", "feb1"]             # both ends of the window are in it
    stdin, func = lcb_docs["aug1"], lcb_docs["sep"]
    assert stdin["id"] == "aug1" and stdin["func_name"] == "" and func["func_name"] == "addAll"
    assert stdin["prompt"].startswith("### Question:\nProblem aug1: add up the numbers.\n\n### Format: ")
    assert "standard input" in stdin["prompt"] and stdin["prompt"].endswith("```python\n# YOUR CODE HERE\n```\n\n")
    assert "standard input" not in func["prompt"] and "```python\nclass Solution:\n    def addAll(" in func["prompt"]


def test_lcb_private_tests_decode_from_their_stored_encoding_and_nothing_else_unpickles():
    from training.evaluation.oda_tasks import livecodebench as lcb

    assert lcb.decode_tests(encoded_private(STDIN_PRIVATE)) == STDIN_PRIVATE
    assert lcb.decode_tests(json.dumps(STDIN_PUBLIC)) == STDIN_PUBLIC
    doc = {"public_test_cases": json.dumps(STDIN_PUBLIC), "private_test_cases": encoded_private(STDIN_PRIVATE)}
    assert lcb.problem_tests(doc) == [("3\n1 2 3\n", "6\n"), ("2\n-5 5\n", "0\n"), ("1\n7\n", "7")]
    hostile = base64.b64encode(zlib.compress(pickle.dumps(Path("/etc/passwd")))).decode()
    with pytest.raises(pickle.UnpicklingError, match="refusing"):
        lcb.decode_tests(hostile)


def test_lcb_reads_the_last_code_block_of_the_answer():
    from training.evaluation.oda_tasks import livecodebench as lcb

    reply = ("<think>```python\nprint('draft')\n```</think>Plan first:\n```python\nprint(1)\n```\n"
             "Final:\n```python\nprint(2)\n```\nDone.")
    assert lcb.extract_code([[reply, "no code here"]], [{}]) == [["print(2)", ""]]
    assert lcb.last_code_block("<think>unfinished ```python\nprint(3)\n```") == ""


STDIN_RIGHT = "```python\nimport sys\nn, *xs = map(int, sys.stdin.read().split())\nprint(sum(xs[:n]))\n```"
# right on the public test, wrong on a private one (negative numbers)
STDIN_WRONG = "```python\nn = int(input())\nprint(sum(abs(int(x)) for x in input().split()))\n```"


def test_lcb_stdin_solutions_are_graded_on_public_and_private_tests_in_the_sandbox(lcb_docs):
    from training.evaluation.oda_tasks import livecodebench as lcb

    cfg, doc = _config("oda_livecodebench_v5"), lcb_docs["aug1"]
    def score(reply: str) -> dict:
        return cfg["process_results"](doc, lcb.extract_code([[reply]], [doc])[0])

    assert score(STDIN_RIGHT) == {"pass_at_1": 1.0}
    assert score(STDIN_WRONG) == {"pass_at_1": 0.0}
    outcome = lcb.run_tests(lcb.last_code_block(STDIN_WRONG), lcb.problem_tests(doc), "")
    assert outcome["passed"] == 1 and outcome["total"] == 3     # the public test passed, a private one did not
    # script endings and input styles competitive programs use
    assert score("```python\nprint(sum(map(int, open(0).read().split()[1:])))\nexit()\n```") == {"pass_at_1": 1.0}
    assert score("```python\ndef main():\n    input()\n    print(sum(map(int, input().split())))\n"
                 "if __name__ == '__main__':\n    main()\n```") == {"pass_at_1": 1.0}
    assert score("no fenced code at all") == {"pass_at_1": 0.0}


def test_lcb_functional_solutions_call_the_solution_method_with_json_arguments(lcb_docs):
    from training.evaluation.oda_tasks import livecodebench as lcb

    doc = lcb_docs["sep"]
    right = ("```python\nclass Solution:\n    def addAll(self, nums: List[int], k: int) -> List[int]:\n"
             "        return tuple(x + k for x in nums)\n```")
    wrong = ("```python\nclass Solution:\n    def addAll(self, nums: List[int], k: int) -> List[int]:\n"
             "        return [x + abs(k) for x in nums]\n```")
    assert lcb.process_results(doc, [lcb.last_code_block(right)]) == {"pass_at_1": 1.0}
    assert lcb.process_results(doc, [lcb.last_code_block(wrong)]) == {"pass_at_1": 0.0}
    assert lcb.run_tests(lcb.last_code_block(wrong), lcb.problem_tests(doc), "addAll")["passed"] == 2


def test_lcb_outputs_compare_by_stripped_lines_and_numbers():
    from training.evaluation.oda_tasks.livecodebench_harness import output_matches

    assert output_matches("  6 \n", "6")
    assert output_matches("0.50 2\n", "0.5 2.0")
    assert not output_matches("6\n7\n", "6")
    assert not output_matches("Yes", "yes")


def test_lcb_a_solution_that_never_ends_fails_at_the_per_test_limit():
    from training.evaluation.oda_tasks import livecodebench as lcb

    start = time.monotonic()
    outcome = lcb.run_tests("while True:\n    pass\n", [("1\n", "1\n"), ("2\n", "2\n")], "", timeout=1)
    assert outcome["passed"] == 0 and time.monotonic() - start < 15


# ---------------------------------------------------------------------------- KOR-Bench

KOR_RULES = {
    "operation": [{"idx": "1", "title": "※", "rule_content": "a※b = 2a + b for integers a and b.", "tag": "Basic Level"},
                  {"idx": "8", "title": "√", "rule_content": "a√b = b·√a.", "tag": "Basic Level"}],
    "puzzle": [{"idx": "3", "title": "Anagrams", "rule_content": "Rearrange the given letters into words.", "tag": "riddle"},
               {"idx": "10", "title": "24", "rule_content": "Combine the four numbers with + - * / to make 24.",
                "tag": "math"}],
    "logic": [{"idx": "5", "title": "Statements", "rule_content": "List every true statement.", "tag": "x"}],
    "cipher": [{"idx": "1", "title": "Shift", "rule_content": "Shift each letter one place forward.", "tag": "x"}],
    "counterfactual": [{"idx": "1", "title": "Wizards", "rule_content": "In this world owls deliver the mail.",
                        "tag": "x"}],
}
KOR_SAMPLES = {
    "operation": [{"idx": "1", "question": "Compute 3※4.\nWrap the answer in double square brackets, like [[answer]].",
                   "answer": "[[10]]", "rule_id": "1", "needle": ["a※b = 2a + b"]},
                  {"idx": "73", "question": "Compute 11√2.\nWrap the answer in [[ ]].", "answer": "[[2\\sqrt{11}]]",
                   "rule_id": "8", "needle": []}],
    "puzzle": [{"idx": "1", "question": "Rearrange 'tca' into all its words.", "answer": "[[act cat]]", "rule_id": "3",
                "needle": [], "trick": "two words"},
               {"idx": "2", "question": "Make 24 from 2 3 4 6.", "answer": "[[6*4*(3-2)]]", "rule_id": "10",
                "needle": []}],
    "logic": [{"idx": "1", "question": "Which statements hold?", "answer": "[[p1;p3]]", "rule_id": "5", "needle": []}],
    "cipher": [{"idx": "1", "question": "Plaintext: \"AB\"", "answer": "[[BC]]", "category": "Encryption",
                "rule_id": "1", "needle": []}],
    "counterfactual": [{"idx": "1", "question": "Who delivers the mail?\nOptions: A. Postmen##B. Owls",
                        "real_life_answer": "[[A]]", "answer": "[[B]]", "rule_id": "1", "needle": []}],
}


def write_kor_bench_files(data: Path) -> None:
    for category, rules in KOR_RULES.items():
        _write_jsonl(data / category / "rule.jsonl", rules)
        _write_jsonl(data / category / "sample.jsonl", KOR_SAMPLES[category])


@pytest.fixture(scope="module")
def kor_task(served):
    return served["kor"]


def test_kor_bench_loads_every_category_and_pairs_questions_with_their_rules(kor_task):
    task, asked = kor_task
    assert sorted(asked) == sorted(f"/{c}/{f}.jsonl" for c in KOR_RULES for f in ("rule", "sample"))
    docs = {d["id"]: d for d in task.test_docs()}
    assert list(docs)[:2] == ["cipher/1", "counterfactual/1"]   # the categories in OpenCompass's order
    assert len(docs) == 7
    text = task.doc_to_text(docs["operation/73"])
    assert "### Operation Rule:\n\na√b = b·√a.\n\n### Question:\nCompute 11√2." in text
    assert text.endswith("### Answer:\n") and task.doc_to_target(docs["operation/73"]) == "[[2\\sqrt{11}]]"
    assert "### Story Rule:\n\nIn this world owls deliver the mail." in task.doc_to_text(docs["counterfactual/1"])
    assert "### Puzzle Rule:" in task.doc_to_text(docs["puzzle/1"])


@pytest.mark.parametrize("doc_id, reply, correct", [
    ("operation/1", "2*3 + 4 = 10, so the answer is [[10]].", True),
    ("operation/1", "The answer is [[ 10 ]] (not [[11]]).", True),
    ("operation/1", "[[11]] ... corrected: [[10]]", False),              # the first [[...]] is the answer
    ("operation/1", "The answer is 10.", False),
    ("operation/73", "[[\\sqrt{44}]]", True),                            # the same expression
    ("operation/73", "[[2 \\sqrt{ 11}]]", True),
    ("operation/73", "[[11\\sqrt{2}]]", False),
    ("puzzle/1", "[[cat, act]]", True),                                  # the same words in any order
    ("puzzle/1", "[[cat]]", False),
    ("puzzle/2", "[[4*6/(3-2)]]", True),                                 # any expression of the numbers making 24
    ("puzzle/2", "[[6*4+3-2]]", False),
    ("logic/1", "[[p3; p1]]", True),                                     # rule 5: statements in any order
    ("logic/1", "[[p1;p2]]", False),
    ("cipher/1", "<think>maybe [[AB]]</think>The ciphertext is [[\"BC\"]].", True),
    ("counterfactual/1", "In this world: [[B]]", True),
    ("counterfactual/1", "[[A]]", False),
])
def test_kor_bench_scores_the_bracketed_answer_by_its_category_check(kor_task, doc_id, reply, correct):
    task, _ = kor_task
    doc = {d["id"]: d for d in task.test_docs()}[doc_id]
    category = doc_id.split("/")[0]
    assert task.process_results(doc, [reply]) == {"exact_match": float(correct),
                                                  f"exact_match_{category}": float(correct)}


def test_kor_bench_expression_checks_never_evaluate_arbitrary_text():
    from training.evaluation.oda_tasks.kor_bench_math import expressions_equal, parse

    assert parse("__import__('os').getcwd()") is None
    assert parse("9^{9^{9^{9}}}") is None                                 # refused, not computed
    assert expressions_equal("5+5i", "5i+5") and not expressions_equal("2+i", "2-i")
    assert expressions_equal("2e-2", "2(e-1)")                            # e is Euler's number


# ---------------------------------------------------------------------------- CaLM

# one record per prompt family in the real field layout (English; the Chinese files differ where noted)
EFFECT = {"Background": {"graph": "Given a causal graph with 2 nodes A, B, and 1 edge A->B.",
                         "real_world_meaning": "A represents rain, B represents wet grass.",
                         "data_info": "For those with rain being high, the probability of wet grass being high is 0.9000.",
                         "data_info_math": "P(B=1|A=1)=0.9000;"},
          "Instruction": "Consider the average treatment effect (ATE) of rain on wet grass.",
          "Question": "If rain is changed to be high, will wet grass be more likely to be high?",
          "Reason": {"Step 1": "..."}, "Type": "ATE", "Mode": "REAL",
          "given_info": "Imagine a world where rain has a direct effect on wet grass."}
CALM_RECORDS = {
    "info": {"given_info": "The overall probability of rixq is 78%.", "question": "Is xevu more likely given rixq?",
             "gt_answer": "yes", "meta": {"story_id": "nonsense0"}},
    "story": {"input": "Did Janet cause the machine to break?", "gt_answer": "No"},
    "abstract": {"vertices": ["A", "B", "C"], "ar_edges": "A causes B, and B causes C", "former": "A", "latter": "C",
                 "GT_causes": ["A", "B"], "gt_answer": 1},
    "ancestor": {"vertices": ["A", "B"], "edges": "A causes B", "sampled_ancestor": "A", "GT_ancestors": ["A"],
                 "attribution": "B", "gt_answer": 1},
    "parent": {"vertices": ["A", "B"], "edges": "A causes B", "sampled_parent": "B", "GT_parents": ["A"],
               "attribution": "A", "gt_answer": 0},
    "identify": {"vertices": ["A", "B"], "di_edges": "A causes B", "bi_edges": "A and B", "treatment": "A",
                 "outcome": "B", "gt_answer": 0},
    "events": {"words": ["The", "storm", "caused", "the", "flood", "."], "events": [[1], [4]], "gt_answer": 1},
    "pair": {"premise": "The music was too faint to hear.", "hypothesis": "I turned up the volume.", "gt_answer": 1},
    "pick": {"premise": "The clock stopped ticking.", "ask-for": "effect", "hypothesis1": "I got ready early.",
             "hypothesis2": "The clock showed the wrong time.", "gt_answer": 1},
    "crass": {"premise": "A man swims in an ocean.", "QCC": "What if he had drowned?", "Answer1": "Fine.",
              "Answer2": "Impossible.", "Answer3": "He would have had fun.", "Answer4": "He would have died.",
              "canary_string": "", "gt_answer": "4"},
    "set": {"vertices": ["A", "B", "C", "D"], "edges": "A causes C, B causes A, and B causes C", "option1": "A",
            "option2": "B", "option3": "D", "GT": ["B"], "treatment": "A", "outcome": "C", "gt_answer": 2},
    "explain": {"cause": "The woman gave birth to a child.", "effect": "The child brought new life.",
                "gt_answer": "Birth is the arising of new life."},
}


def calm_record(stem: str, lang: str) -> dict:
    prefix = stem.split("_")[0]
    if prefix in ("CORR-B", "EAE-B", "CR-B", "BAS-B", "CB-B"):
        return CALM_RECORDS["info"]
    family = {"AC-B": "story", "AR-B": "abstract", "CA-B": "ancestor" if stem.endswith("FA") else "parent",
              "ECI-B": "events", "PCD-B": "pair", "PCD-C": "pick", "CR-C": "crass", "CEG-O": "explain",
              "CEI-B": "identify"}.get(prefix)
    if family == "events" and lang == "CN":
        return {"sent": "暴风雨导致了洪水。", "event1": "暴风雨", "event2": "洪水", "gt_answer": 1}
    if family:
        return CALM_RECORDS[family]
    if prefix in ("BAS-C", "FAS-C", "IV-C"):
        return CALM_RECORDS["set"]
    if "natural" in stem:
        return EFFECT | {"gt_answer": "Yes" if lang == "EN" else "是"}
    return EFFECT | {"gt_answer": 0.12345678}


def write_calm_files(root: Path) -> None:
    """One item in each of CaLM Lite's 92 task files."""
    from training.evaluation.oda_tasks.calm import TASKS

    for t in TASKS:
        for lang in ("EN", "CN"):
            _write_jsonl(root / t.folder / f"{t.stem}_{lang}.json", [{"index": 1} | calm_record(t.stem, lang)])


@pytest.fixture(scope="module")
def calm_task(served):
    return served["calm"]


def test_calm_reads_all_92_task_files_of_the_lite_layout(calm_task):
    task, asked = calm_task
    assert len(asked) == 92 == len(set(asked))
    for path in ("association/correlation/CORR-B_correlation_EN.json",
                 "causal_discovery/event_causality_identification/ECI-B_MAVEN-ERE_CN.json",
                 "counterfactual/probability_of_sufficiency/PS-P_PS-hard_CN.json",
                 "intervention/instrumental_variable/IV-C_CaLM-IV_EN.json"):
        assert f"/calm_lite_dataset/{path}" in asked
    docs = list(task.test_docs())
    assert len(docs) == 92 and {d["language"] for d in docs} == {"EN", "CN"}
    assert {d["answer_type"] for d in docs} == {"yes_no", "option", "json_answer", "probability", "open"}


def _calm_doc(task, task_name: str) -> dict:
    return next(d for d in task.test_docs() if d["task"] == task_name)


def test_calm_prompts_keep_the_basic_styles_cues_and_golds_their_answer_types(calm_task):
    task, _ = calm_task
    corr = _calm_doc(task, "CORR-B_correlation_EN")
    assert task.doc_to_text(corr) == ("Input Info: The overall probability of rixq is 78%.\n"
                                      "Question: Is xevu more likely given rixq?\nAnswer (Yes or No ?):")
    assert corr["gold"] == "yes" and _calm_doc(task, "AC-B_causal_judgement_CN")["gold"] == "no"
    assert task.doc_to_text(_calm_doc(task, "CORR-B_correlation_CN")).endswith("答案（是或否？）：")
    eci = task.doc_to_text(_calm_doc(task, "ECI-B_CTB_EN"))
    assert "Input: The storm caused the flood .\n" in eci and '"storm" and "flood"' in eci
    assert "“暴风雨”与“洪水”" in task.doc_to_text(_calm_doc(task, "ECI-B_CTB_CN"))
    pick = _calm_doc(task, "PCD-C_COPA_EN")
    assert pick["gold"] == "2" and pick["options"] == ["I got ready early.", "The clock showed the wrong time."]
    assert task.doc_to_text(pick).endswith("Option 2: The clock showed the wrong time.\nAnswer (Option 1 or Option 2 ?):")
    assert _calm_doc(task, "CR-C_CRASS_CN")["gold"] == "4"
    assert task.doc_to_text(_calm_doc(task, "CR-C_CRASS_CN")).endswith("答案（选项一或选项二或选项三或选项四？）：")
    ate = _calm_doc(task, "ATE-P_ATE-basic_EN")
    assert ate["answer_type"] == "probability" and float(ate["gold"]) == 0.12345678
    assert "probability of wet grass being high is 0.9000.\nInstruction: Consider" in task.doc_to_text(ate)
    assert '{"ANSWER": "Yes", "PROB": "0.1234"}' in task.doc_to_text(ate)
    assert '"PROB"' in task.doc_to_text(_calm_doc(task, "PN-P_PN-hard_EN"))
    assert "ANSWER" not in task.doc_to_text(_calm_doc(task, "PN-P_PN-hard_EN"))
    assert _calm_doc(task, "NDE-B_NDE-natural_CN")["gold"] == "是"


@pytest.mark.parametrize("task_name, reply, expected", [
    ("CORR-B_correlation_EN", "Yes", 1.0),
    ("CORR-B_correlation_EN", "Answer (Yes or No ?): No", 0.0),
    ("CORR-B_correlation_EN", "We compare 0.38 with 0.32. Therefore, the answer is yes.", 1.0),
    ("CORR-B_correlation_EN", "It depends.", 0.0),
    ("CORR-B_correlation_CN", "答案（是或否？）：是", 1.0),
    ("CORR-B_correlation_CN", "根据给定的概率，答案是否定的。", 0.0),
    ("AC-B_causal_judgement_CN", "根据题意，答案是否定的。", 1.0),
    ("AC-B_causal_judgement_EN", "Answer (Yes or No ?): No", 1.0),
    ("CA-B_FP_EN", "No, B is not a parent of A.", 1.0),
    ("CEI-B_0.2-UC_EN", "The causal effect cannot be identified.", 1.0),
    ("PCD-B_COPA_EN", "There is no causal relationship between Event A and Event B.", 0.0),
    ("BAS-C_min-BAS_EN", "Option 2", 1.0),
    ("BAS-C_min-BAS_EN", "B", 1.0),                                      # the option's text
    ("BAS-C_min-BAS_EN", "Option 1 contains the treatment itself, so the answer is option 2.", 1.0),
    ("BAS-C_min-BAS_EN", "Option 1, option 2 or option 3 could all work.", 0.0),
    ("CR-C_CRASS_CN", "答案：选项四", 1.0),
    ("CR-C_CRASS_CN", "选项一", 0.0),
    ("ATE-B_ATE-natural_EN", 'So {"ANSWER": "Yes", "PROB": "0.4200"}', 1.0),
    ("ATE-B_ATE-natural_EN", "{'ANSWER': 'Yes', 'PROB': '0.4200'}", 1.0),   # single quotes repaired
    ("ATE-B_ATE-natural_EN", '{"ANSWER": "No", "PROB": "0.4200"}', 0.0),
    ("NDE-B_NDE-natural_CN", '{"ANSWER":"是","PROB":"0.1000"}', 1.0),
    ("ATE-P_ATE-basic_EN", '{"ANSWER": "Yes", "PROB": "0.1235"}', 1.0),  # equal to the gold at 4 decimals
    ("ATE-P_ATE-basic_EN", '{"ANSWER": "Yes", "PROB": "0.1234"}', 0.0),
    ("ATE-P_ATE-basic_EN", "The effect is 0.1235.", 0.0),                # no JSON, no answer
    ("PS-P_PS-basic_CN", "{PROB: 0.12346}", 1.0),                         # unquoted JSON repaired
])
def test_calm_reads_each_answer_type_and_scores_it(calm_task, task_name, reply, expected):
    task, _ = calm_task
    doc = _calm_doc(task, task_name)
    lang = doc["language"].lower()
    assert task.process_results(doc, [reply]) == {"accuracy": expected, f"accuracy_{lang}": expected}


def test_calm_explanations_score_the_recall_of_the_reference(calm_task):
    task, _ = calm_task
    doc = _calm_doc(task, "CEG-O_E-CARE_EN")
    assert task.process_results(doc, ["Birth is the arising of new life."])["accuracy"] == 1.0
    partial = task.process_results(doc, ["Because birth brings new life."])["accuracy"]
    assert partial == pytest.approx(3 / 7)                                 # birth ... new life: 3 of 7 tokens
    assert task.process_results(doc, ["No idea."])["accuracy"] == 0.0


# ---------------------------------------------------------------------------- end to end

RIGHT_CODE = {"": STDIN_RIGHT,
              "addAll": "```python\nclass Solution:\n    def addAll(self, nums, k):\n        return [x + k for x in nums]\n```"}


def oracle_reply(doc: dict) -> str:
    """A reply every task should score as right."""
    if "category" in doc:
        return f"So the answer is {doc['answer']}."
    if "answer_type" in doc:
        return {"yes_no": lambda: "Yes" if doc["gold"] == "yes" else "No", "option": lambda: f"Option {doc['gold']}",
                "probability": lambda: f'{{"PROB": "{doc["gold"]}"}}',
                "json_answer": lambda: f'{{"ANSWER": "{doc["gold"]}"}}', "open": lambda: doc["gold"]}[doc["answer_type"]]()
    return f"Here it is:\n{RIGHT_CODE[doc['func_name']]}"


def test_the_tasks_run_end_to_end_in_lm_eval(served):
    import lm_eval
    from lm_eval.api.model import LM

    class Oracle(LM):
        def loglikelihood(self, requests):
            raise NotImplementedError

        def loglikelihood_rolling(self, requests):
            raise NotImplementedError

        def generate_until(self, requests):
            return [oracle_reply(r.doc) for r in requests]

    results = lm_eval.simple_evaluate(model=Oracle(), tasks=["oda_kor_bench", "oda_calm", LCB_SERVED],
                                      task_manager=served["manager"], log_samples=True, confirm_run_unsafe_code=True)
    kor, calm, lcb = (results["results"][t] for t in ("oda_kor_bench", "oda_calm", LCB_SERVED))
    assert kor["exact_match,none"] == 1.0 and kor["exact_match_puzzle,none"] == 1.0
    assert calm["accuracy,none"] == calm["accuracy_en,none"] == calm["accuracy_cn,none"] == 1.0
    assert lcb["pass_at_1,extract_code"] == 1.0 and results["n-samples"][LCB_SERVED]["effective"] == 3
    logged = results["samples"][LCB_SERVED][0]
    assert logged["filtered_resps"][0].startswith("import sys") and logged["doc"]["id"] == "aug1"
