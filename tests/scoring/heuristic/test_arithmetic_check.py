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


def _python_value(expression):
    """Reference: Python's own parser and float arithmetic on the same expression."""
    import ast

    source = expression.replace(",", "").replace("$", "").replace("×", "*").replace("÷", "/").replace("x", "*")
    try:
        tree = ast.parse(source, mode="eval").body
    except SyntaxError:
        return None

    def value(node):
        if isinstance(node, ast.Constant):
            return float(node.value)
        left, right = value(node.left), value(node.right)
        return {ast.Add: left + right, ast.Sub: left - right, ast.Mult: left * right,
                ast.Div: left / right if right else None}[type(node.op)]
    try:
        return value(tree)
    except TypeError:          # a division by zero below
        return None


def test_evaluation_equals_pythons_parser_on_random_calculations():
    import random

    from scoring.heuristic.arithmetic_check import evaluate

    rnd = random.Random(5)
    cases = ["05 + 3", "00 + 3", "05.5 + 1", "1,000 / 0", "8 / 2 / 2", "10 - 2 - 3", "5+3x\n21", "9\xa0+ 8"]
    for _ in range(5000):
        k = rnd.randint(2, 6)
        nums = [rnd.choice(["0", "1", "2.5", "10", "1,000", "$3", "07", "0.0", "12345678901234567890"]) for _ in range(k)]
        ops = [rnd.choice(["+", "-", "*", "/", " x ", " × ", " ÷ ", " - "]) for _ in range(k - 1)]
        cases.append("".join(a + b for a, b in zip(nums, ops + [""])))
    for case in cases:
        assert evaluate(case) == _python_value(case), case
    assert evaluate("05 + 3") is None and evaluate("1,000 / 0") is None and evaluate("2 + 3 × 4") == 14
