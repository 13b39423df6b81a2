"""The demo arena is deterministic and its planted differences are what the ground truth says."""
import json
import re

from demo import arena


def _final(answer: str) -> int:
    return int(re.search(r"#### (-?\d+)", answer).group(1))


def _correct(question_answer: tuple[str, str]) -> bool:
    """Recompute each step of a solution and compare with what it claims."""
    _, solution = question_answer
    for lhs, rhs in re.findall(r"(\d+ [-+*/] \d+) = \$?(-?\d+)", solution):
        if eval(lhs.replace("/", "//")) != int(rhs):  # noqa: S307 - digits and one operator only
            return False
    return True


def test_generation_is_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    arena.generate(a)
    arena.generate(b)
    for name in arena.FILE_NAMES.values():
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_planted_differences_match_ground_truth():
    sets = arena.build()
    truth = arena.ground_truth()
    clean = [(r["instruction"], r["output"]) for r in sets["demo_math_clean"]]
    noisy = [(r["instruction"], r["output"]) for r in sets["demo_math_noisy"]]
    assert all(_correct(x) for x in clean)
    wrong = sum(not _correct(x) for x in noisy) / len(noisy)
    assert abs(wrong - truth["noisy_wrong_share"]) < 0.01
    assert [q for q, _ in clean] == [q for q, _ in noisy]  # same prompts
    assert all(r["output"].startswith("#### ") for r in sets["demo_math_terse"])
    rephrased = sets["demo_math_rephrased"]
    for r, (q, a) in zip(rephrased, clean):
        assert r["messages"][1]["content"] == a and r["messages"][0]["content"] != q


def test_leaks_are_exactly_the_recorded_items():
    sets = arena.build()
    truth = arena.ground_truth()
    leak = truth["leaks"][0]
    bench_questions = [r["question"] for r in sets["demo_math_bench"]]
    leaky_questions = {r["instruction"] for r in sets["demo_math_leaky"]}
    verbatim = {i for i, q in enumerate(bench_questions) if q in leaky_questions}
    assert verbatim == set(leak["verbatim_items"])
    clean_questions = {r["instruction"] for r in sets["demo_math_clean"]}
    assert not clean_questions & set(bench_questions)
    # number-swapped items: same words, different numbers
    strip = lambda q: re.sub(r"\d+", "#", q)  # noqa: E731
    skeletons = {strip(q) for q in leaky_questions - set(bench_questions) - clean_questions}
    for i in leak["number_swapped_items"]:
        assert strip(bench_questions[i]) in skeletons


def test_generated_file_writes_once(arena_home):
    path = arena.generated_file("demo_math_clean")
    assert path.exists() and len(json.loads(path.read_text())) == arena.N_CLEAN
