from heuristic_cases import run


def test_answer_markers_boxes_and_latex():
    assert run("math_answer_format", a="so 6*7\n#### 42")["final_answer_marker"] == 1
    r = run("math_answer_format", a="thus $\\frac{1}{2}$ and \\boxed{3}")
    assert r == {"final_answer_marker": 1, "boxed_answers": 1, "latex_commands": 2}
    assert run("math_answer_format", a="The answer is 5.")["final_answer_marker"] == 1
    assert run("math_answer_format", a="five")["final_answer_marker"] == 0
