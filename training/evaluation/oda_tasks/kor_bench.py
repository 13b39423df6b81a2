"""lm-eval hooks of `oda_kor_bench`: KOR-Bench's knowledge-orthogonal reasoning questions, zero-shot.

KOR-Bench (GitHub KOR-Bench/KOR-Bench) publishes no Hub dataset: its `data/<category>/` folders
hold `rule.jsonl` (idx, title, rule_content) and `sample.jsonl` (idx, question, answer in `[[...]]`,
rule_id naming the rule), for the five categories operation, logic, cipher, puzzle and
counterfactual (250 questions each). `load_kor_bench` reads those files from the repository at a
pinned commit (any server with the same layout will do) and pairs each question with its rule.

The zero-shot prompt has the layout of the benchmark's `config/prompt/zero-shot.yaml`: a short
role statement and three instructions for the category, the rule under `### <Kind> Rule:`, the
question under `### Question:`, then `### Answer:`; the wording here is the project's. ODA runs
the same prompt (OpenCompass's korbench 0-shot) but grades with the xVerify-9B judge model; the
task grades with the benchmark's own rule-based checks (kor_bench_checks), so its numbers can differ
from ODA's where the judge accepts an answer the checks do not, or the reverse.
"""
from __future__ import annotations

from datasets import Dataset, DatasetDict

from training.evaluation.oda_tasks.kor_bench_checks import is_correct
from training.evaluation.oda_tasks.raw_files import download, read_json_lines
from training.evaluation.oda_tasks.replies import drop_reasoning

BASE_URL = "https://raw.githubusercontent.com/KOR-Bench/KOR-Bench/bb8194dff8e51e2e2247cf62aa9932c3d57d53d7/data"
# OpenCompass's (and so ODA's) order
CATEGORIES = ("cipher", "counterfactual", "logic", "operation", "puzzle")

# per category: the role statement, three instructions and the label of the rule section
_FRAMES = {
    "operation": (("You are an assistant that works out custom-defined operations. The rule below defines "
                   "a new operation; apply it exactly to the question."),
                  ("Read the definitions of the new operations in the rule closely.",
                   "Unless the question asks for something else, answer with a number or a group of numbers.",
                   "Check that your final answer follows the rule."),
                  "Operation Rule"),
    "logic": (("You are an assistant for logical reasoning tasks. The rule below defines a custom kind of "
               "logic; your answer must keep to its rules and notation."),
              ("Find the properties and objects the rule specifies.",
               "Apply the logical operations or reasoning patterns it gives.",
               "Write your answer in the notation and symbols the rule specifies."),
              "Logic Rule"),
    "cipher": (("You are an assistant for encryption and decryption tasks. The rule below describes a "
                "particular cipher; your answer must keep to its encryption and decryption rules and format."),
               ("Find the properties and objects the rule names, such as the plaintext, keyword and ciphertext.",
                "Carry out the encryption or decryption steps exactly as the rule describes them.",
                "Write your answer in the notation and symbols the rule specifies."),
               "Cipher Rule"),
    "puzzle": (("You are an assistant for custom puzzles. The rule below defines a puzzle; apply it exactly "
                "to the question."),
               ("Make sure you understand the rule; split it into simpler steps if that helps.",
                "Apply the rule carefully to the question.",
                "Check that your answer agrees with the rule and with the puzzle's context."),
               "Puzzle Rule"),
    "counterfactual": (("You are an assistant skilled in stories and in reasoning by rules. The story below "
                        "sets out its own rules and details; use them to answer the question."),
                       ("Read the story and note the details and rules that matter.",
                        "Answer with the help of the context the story provides.",
                        "Make sure your answer agrees with the story's rules and details."),
                       "Story Rule"),
}


def prompt(category: str, rule: str, question: str) -> str:
    """The zero-shot prompt of one question."""
    role, steps, label = _FRAMES[category]
    instructions = "\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1))
    return (f"{role}\n\n### Instructions:\n\n{instructions}\n\n### {label}:\n\n{rule}\n\n"
            f"### Question:\n{question}\n\n### Answer:\n")


def category_docs(category: str, rules: list[dict], samples: list[dict]) -> list[dict]:
    """One category's questions as documents, each with its rule's prompt."""
    rule_text = {r["idx"]: r["rule_content"] for r in rules}
    docs = []
    for s in samples:
        if s["rule_id"] not in rule_text:
            raise ValueError(f"KOR-Bench {category} question {s['idx']} names rule {s['rule_id']}, "
                             f"which {category}/rule.jsonl does not have")
        docs.append({"id": f"{category}/{s['idx']}", "category": category, "idx": int(s["idx"]),
                     "rule_id": str(s["rule_id"]), "question": s["question"], "answer": s["answer"],
                     "prompt": prompt(category, rule_text[s["rule_id"]], s["question"])})
    return docs


def load_kor_bench(kor_bench_url: str = BASE_URL, cache_dir: str | None = None, **_metadata) -> DatasetDict:
    """lm-eval `custom_dataset`: every category's questions from `<kor_bench_url>/<category>/{rule,sample}.jsonl`.

    lm-eval calls it with the task's metadata as keyword arguments, and a TaskManager's metadata is
    given to every task: a run points the loader at a mirror with `{"kor_bench_url": ...}` (a key no
    other task reads), and at a download cache with `cache_dir`."""
    base = kor_bench_url.rstrip("/")
    urls = [f"{base}/{c}/{name}.jsonl" for c in CATEGORIES for name in ("rule", "sample")]
    paths = iter(download(urls, cache_dir))
    docs = []
    for category in CATEGORIES:
        rules, samples = read_json_lines(next(paths)), read_json_lines(next(paths))
        docs += category_docs(category, rules, samples)
    return DatasetDict({"test": Dataset.from_list(docs)})


def process_results(doc: dict, results: list[str]) -> dict[str, float]:
    """Exact match of the `[[...]]` answer by the benchmark's checks, overall and for the category."""
    score = float(is_correct(doc["category"], drop_reasoning(results[0]), doc["answer"], doc["rule_id"], doc["idx"]))
    return {"exact_match": score, f"exact_match_{doc['category']}": score}
