import random
import re

import pyarrow as pa
import pytest

from lineage.analysis import LineageGraph
from lineage.contamination import BenchmarkIndex, benchmark_redundancy, contamination_matrix, credit_items, propagate_risk
from warehouse.tables import CONTAMINATION_MATCHES
from lineage.model import Edge, edges_table
from leak_planting import plant
from lineage_testdata import needs_shared


def _scan(index, rows):
    batches = list(index.scan(rows))
    return CONTAMINATION_MATCHES.from_batches(batches)


def _recall(matches, planted):
    found = set(matches.column("sample_id").to_pylist())
    return sum(r["sample_id"] in found for r in planted) / len(planted)


# --- generated data (no shared data needed) -----------------------------------------------------
_SUBJECTS = ("farmer baker teacher pilot gardener librarian tailor chemist sailor nurse carpenter florist "
             "plumber jeweler potter miner ranger cashier courier dentist drummer editor fisher glazier hunter "
             "janitor knitter lawyer mason painter").split()
_OBJECTS = ("apples loaves books tickets seeds marbles bottles candles shirts lemons pencils stamps coins "
            "baskets lanterns ribbons kites spoons buttons puzzles carrots helmets blankets crayons jars "
            "feathers pebbles scarves wheels").split()
_ADJ = ("red tiny heavy shiny old wooden striped green fragile spare broken fresh rare cheap golden "
        "dusty paper glass silver round").split()
_VERBS = ("sells buys packs collects donates repairs paints orders counts stacks sorts wraps labels "
          "polishes delivers").split()
_PLACES = ("market harbor school station bakery library garden workshop museum clinic stadium circus "
           "farm quarry mill theater pier bridge").split()
_ENDS = ["How many {o} and {o2} does the {s} have left after {d} days?",
         "What is the total number of {o2} the {s} keeps by the end of week {d}?",
         "After {d} days, how many more {o} than {o2} remain with the {s}?",
         "If the {s} repeats this for {d} days, how many {o} were given away?"]


def _problem(rng: random.Random, i: int) -> str:
    s, v, p = rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_PLACES)
    o, o2 = rng.sample(_OBJECTS, 2)
    a, a2 = rng.sample(_ADJ, 2)
    end = rng.choice(_ENDS).format(s=s, o=o, o2=o2, d=rng.randint(2, 9))
    return (f"A {s} at the {p} {v} {rng.randint(2, 90)} {a} {o} every morning and {rng.randint(2, 40)} {a2} {o2} "
            f"every evening. On day {i} the {s} gives away {rng.randint(1, 20)} of the {o} to a friend from the "
            f"{rng.choice(_PLACES)}. {end}")


def _chat(rng: random.Random, i: int) -> str:
    topics = ["volcanoes", "sourdough", "tax returns", "jazz history", "sleep hygiene", "chess openings",
              "houseplants", "rust lifetimes", "marathon training", "bird migration"]
    t = rng.choice(topics)
    return f"Can you explain {t} to me like I am new to it, with {rng.randint(2, 5)} practical tips about {rng.choice(topics)}?"


def test_generated_leaks_are_found_and_clean_samples_are_not():
    rng = random.Random(7)
    bench = [{"dataset_id": "gen_bench", "sample_id": f"b{i}", "instruction_text": _problem(rng, i),
              "response_text": "42"} for i in range(400)]
    # clean training data: same style of problems (templated!) but different draws, plus chat
    clean = [{"dataset_id": "gen_train", "sample_id": f"c{i}", "instruction_text": _problem(rng, 1000 + i),
              "response_text": "Step by step, the answer is 17."} for i in range(1500)]
    clean += [{"dataset_id": "gen_train", "sample_id": f"h{i}", "instruction_text": _chat(rng, i),
               "response_text": "Sure."} for i in range(1500)]
    index = BenchmarkIndex.build(bench)
    planted = {kind: plant(clean, bench[k * 100:(k + 1) * 100], kind, rng, "gen_train")
               for k, kind in enumerate(["verbatim", "number_swap", "paraphrase"])}
    rows = clean + [r for v in planted.values() for r in v]
    matches = _scan(index, rows)
    assert _recall(matches, planted["verbatim"]) >= 0.95
    assert _recall(matches, planted["number_swap"]) >= 0.80
    assert _recall(matches, planted["paraphrase"]) >= 0.80
    flagged = set(matches.column("sample_id").to_pylist())
    false_pos = [s for s in flagged if not s.startswith("planted-")]
    assert len(false_pos) / len(flagged) <= 0.05, false_pos[:5]
    kinds = {r["sample_id"]: r["match_kind"] for r in matches.to_pylist()}
    assert sum(kinds.get(r["sample_id"]) == "verbatim" for r in planted["verbatim"]) >= 95
    assert sum(kinds.get(r["sample_id"]) == "number_swap" for r in planted["number_swap"]) >= 80
    matrix = contamination_matrix(matches, {"gen_train": len(rows)}, index).to_pylist()
    assert len(matrix) == 1 and matrix[0]["n_contaminated"] == len(flagged)
    assert matrix[0]["examples"] and matrix[0]["examples"][0]["match_kind"] == "verbatim"


def test_a_reproduced_solution_is_found_whatever_the_prompt():
    solution = ("Natalia sold 48/2 = 24 clips in May. Natalia sold 48+24 = 72 clips altogether in April "
                "and May, so the answer is the sum of both months.\n#### 72")
    bench = [{"dataset_id": "b", "sample_id": "1", "response_text": solution,
              "instruction_text": "Natalia sold clips to 48 of her friends in April, and then she sold half as many "
                                  "clips in May. How many clips did Natalia sell altogether in April and May?"},
             {"dataset_id": "b", "sample_id": "2", "instruction_text": "What is the capital of France, in one word?",
              "response_text": "Paris"}]
    index = BenchmarkIndex.build(bench)
    train = [{"dataset_id": "t", "sample_id": "reworded", "instruction_text": "Help with my homework?",
              "response_text": "Sure.\n" + solution},
             # same steps with other numbers: a different problem's solution, not a copy of this one
             {"dataset_id": "t", "sample_id": "other_numbers", "instruction_text": "Help with my homework?",
              "response_text": solution.replace("48", "36").replace("24", "18").replace("72", "54")},
             # the short gold answer alone proves nothing
             {"dataset_id": "t", "sample_id": "short", "instruction_text": "Name a city.", "response_text": "Paris"},
             # the solution in the prompt is not the model learning to produce it
             {"dataset_id": "t", "sample_id": "in_prompt", "instruction_text": solution, "response_text": "Thanks!"}]
    found = {r["sample_id"]: r for r in _scan(index, train).to_pylist()}
    assert set(found) == {"reworded"}
    assert found["reworded"]["match_kind"] == "solution" and found["reworded"]["solution_containment"] == 1.0
    matrix = contamination_matrix(_scan(index, train), {"t": len(train)}, index).to_pylist()[0]
    assert (matrix["n_solution"], matrix["n_items_leaked"], matrix["n_items"]) == (1, 1, 2)


def test_each_leaked_item_is_counted_once():
    """Two items identical up to numbers: a number-swapped copy matches both equally and is credited to
    one; a verbatim copy is credited to its own item even when it is scanned after the swapped one."""
    text = "A baker sells {} loaves of rye bread every morning at the harbor market and keeps {} for the staff."
    bench = [{"dataset_id": "b", "sample_id": f"i{k}", "instruction_text": text.format(*n), "response_text": ""}
             for k, n in enumerate([(12, 3), (15, 4), (90, 9)])]
    index = BenchmarkIndex.build(bench)
    train = [{"dataset_id": "t", "sample_id": "a_swapped", "instruction_text": text.format(33, 7), "response_text": ""},
             {"dataset_id": "t", "sample_id": "b_verbatim", "instruction_text": text.format(12, 3), "response_text": ""},
             {"dataset_id": "t", "sample_id": "c_duplicate", "instruction_text": text.format(12, 3), "response_text": ""}]
    matches = _scan(index, train)
    assert matches.num_rows == 9                          # every sample matches every item up to numbers
    credited = {s: r["item_id"] for s, r in credit_items(matches.to_pylist()).items()}
    assert credited["b_verbatim"] == credited["c_duplicate"] == "i0"
    assert credited["a_swapped"] in ("i1", "i2")
    cell = contamination_matrix(matches, {"t": 3}, index).to_pylist()[0]
    assert (cell["n_contaminated"], cell["n_items_leaked"], cell["n_verbatim"], cell["n_number_swap"]) == (3, 2, 2, 1)


def test_a_benchmark_never_matches_itself_and_short_items_are_not_called():
    bench = [{"dataset_id": "b", "sample_id": "1", "instruction_text": "What is the meaning of life?", "response_text": ""},
             {"dataset_id": "b", "sample_id": "2", "instruction_text": "2 + 2 =", "response_text": ""}]
    index = BenchmarkIndex.build(bench)
    assert index.testable_items() == {"b": 1}
    assert _scan(index, bench).num_rows == 0
    hit = _scan(index, [{"dataset_id": "t", "sample_id": "x", "instruction_text": "so, what is the meaning of life?",
                         "response_text": "42"},
                        {"dataset_id": "t", "sample_id": "y", "instruction_text": "2 + 2 = ?", "response_text": "4"}])
    assert hit.column("sample_id").to_pylist() == ["x"]


def test_bad_input_names_the_record():
    with pytest.raises(ValueError, match="lacks field 'instruction_text'"):
        BenchmarkIndex.build([{"dataset_id": "b", "sample_id": "s1", "response_text": "x"}])


def test_risk_propagates_down_the_lineage_with_the_path():
    edges = edges_table([
        Edge(source_id="gsm8k_test", target_id="mathmix", relationship="mixture", evidence_kind="declared",
             collector="t", confidence=1.0),
        Edge(source_id="leaky", target_id="distilled", relationship="response_regeneration",
             evidence_kind="content_overlap", collector="t", confidence=0.9),
        Edge(source_id="distilled", target_id="filtered", relationship="subset", evidence_kind="content_overlap",
             collector="t", confidence=0.9),
    ])
    matrix = pa.Table.from_pylist([
        {"dataset_id": "leaky", "benchmark_id": "gsm8k_test", "n_samples": 100, "n_contaminated": 10, "share": 0.1},
        {"dataset_id": "filtered", "benchmark_id": "gsm8k_test", "n_samples": 50, "n_contaminated": 0, "share": 0.0},
    ])
    risk = {(r["dataset_id"], r["benchmark_id"]): r for r in
            propagate_risk(matrix, LineageGraph.from_tables(edges), ["gsm8k_test"]).to_pylist()}
    assert risk[("filtered", "gsm8k_test")]["path"] == ["leaky", "distilled", "filtered"]
    assert risk[("filtered", "gsm8k_test")]["own_share"] == 0.0 and risk[("filtered", "gsm8k_test")]["via_share"] == 0.1
    assert risk[("mathmix", "gsm8k_test")]["path"] == ["gsm8k_test", "mathmix"]
    assert ("leaky", "gsm8k_test") not in risk


# --- real data -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real():
    import shared_arena as A
    bench_ids = ["gsm8k_test", "math500", "humaneval_shared", "mmlu_test", "truthfulqa_817", "arc_challenge_test", "mbpp"]
    bench = A.samples(bench_ids).to_pylist()
    clean = {d: A.rows(d) for d in ["dolly_sdft", "lima_sdft", "codealpaca_2k", "alpaca_sdft"]}
    return bench, clean, BenchmarkIndex.build(bench)


@needs_shared
def test_planted_leaks_in_real_data(real):
    bench, clean, index = real
    rng = random.Random(11)
    clean_rows = [r for rows in clean.values() for r in rows]
    baseline = _scan(index, clean_rows)
    # the real sets have a handful of genuine overlaps (e.g. a TruthfulQA question in Dolly); they are
    # findings, not false positives, and are listed so a change in them is noticed
    assert baseline.num_rows <= 10, baseline.select(["dataset_id", "benchmark_id", "item_excerpt"]).to_pylist()
    known = set(baseline.column("sample_id").to_pylist())
    long_items = [r for r in bench if len(re.findall(r"[A-Za-z]+", r["instruction_text"])) >= 10]
    with_numbers = [r for r in long_items if re.search(r"\d", r["instruction_text"])]
    rng.shuffle(long_items)
    rng.shuffle(with_numbers)
    # reference solutions long enough to identify (the index skips short gold answers such as "B")
    with_solution = [r for r in bench if len(re.findall(r"[A-Za-z]{2,}", r["response_text"] or "")) >= 15]
    rng.shuffle(with_solution)
    planted = {"verbatim": plant(clean_rows, long_items[:200], "verbatim", rng, "dolly_sdft"),
               "number_swap": plant(clean_rows, with_numbers[:200], "number_swap", rng, "dolly_sdft"),
               "paraphrase": plant(clean_rows, long_items[200:400], "paraphrase", rng, "dolly_sdft"),
               "solution": plant(clean_rows, with_solution[:200], "solution", rng, "dolly_sdft")}
    matches = _scan(index, clean_rows + [r for v in planted.values() for r in v])
    recall = {k: _recall(matches, v) for k, v in planted.items()}
    assert recall["verbatim"] >= 0.95, recall
    assert recall["number_swap"] >= 0.80, recall
    assert recall["paraphrase"] >= 0.80, recall
    assert recall["solution"] >= 0.90, recall
    kinds = {r["sample_id"]: r["match_kind"] for r in matches.to_pylist()}
    assert all(kinds.get(r["sample_id"]) in (None, "solution") for r in planted["solution"])
    flagged = set(matches.column("sample_id").to_pylist())
    false_pos = flagged - known - {r["sample_id"] for v in planted.values() for r in v}
    assert len(false_pos) / len(flagged) <= 0.05
    assert len(known) / len(clean_rows) <= 0.002   # flagged share of the clean sets


@needs_shared
def test_benchmark_copies_are_redundant():
    import shared_arena as A
    rows = A.samples(["gsm8k_test", "qwen_gsm8k", "math500", "math_test", "humaneval_shared"]).to_pylist()
    index = BenchmarkIndex.build(rows)
    red = {(r["dataset_id"], r["benchmark_id"]): r for r in benchmark_redundancy(rows, index).to_pylist()}
    assert red[("qwen_gsm8k", "gsm8k_test")]["share"] >= 0.99
    assert red[("math500", "math_test")]["share"] >= 0.95       # MATH-500 is drawn from the MATH test set
    assert red[("humaneval_shared", "gsm8k_test")]["share"] == 0.0
