import math

from heuristic_cases import run


def test_correct_steps_hold_and_match_the_final_answer():
    r = run("arithmetic_check", a="3 packs of 12 make 3 * 12 = 36.\nAdding 5: 36 + 5 = 41.\n#### 41")
    assert r == {"equations_checked": 2, "arithmetic_correct": 1, "final_answer_consistent": 1}


def test_a_wrong_step_lowers_the_share():
    r = run("arithmetic_check", a="1,200 / 4 = 300 and 300 - 7 = 290.\n#### 290")
    assert r["equations_checked"] == 2 and r["arithmetic_correct"] == 0.5 and r["final_answer_consistent"] == 1


def test_amounts_of_money_are_numbers():
    r = run("arithmetic_check", a="7 notebooks at $7 cost 7 * $7 = $49.\nThe change from $55 is 55 - 49 = $5.\n#### 5")
    assert r == {"equations_checked": 2, "arithmetic_correct": 0.5, "final_answer_consistent": 1}


def test_precedence_and_final_answer_mismatch():
    r = run("arithmetic_check", a="2 + 3 × 4 = 14\n#### 20")
    assert r["arithmetic_correct"] == 1 and r["final_answer_consistent"] == 0


def test_no_calculation_is_not_applicable():
    r = run("arithmetic_check", a="The capital of France is Paris.")
    assert r["equations_checked"] == 0
    assert math.isnan(r["arithmetic_correct"]) and math.isnan(r["final_answer_consistent"])


def test_separates_the_demo_noisy_set():
    """On demo_math_noisy the wrong solutions (planted) score below 1 and the right ones 1, whatever the
    problem's template."""
    import random

    from demo import arena

    rng = random.Random(0)
    for template in range(len(arena.TEMPLATES)):
        p = arena.Problem(template=template, name="Ava", item="cards", a=3, b=4, c=50)
        assert run("arithmetic_check", a=arena._solution(p))["arithmetic_correct"] == 1
        assert run("arithmetic_check", a=arena._wrong_solution(rng, p))["arithmetic_correct"] < 1
