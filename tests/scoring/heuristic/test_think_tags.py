import math

from heuristic_cases import approx, run


def test_blocks_well_formedness_and_share():
    text = "<think>abc</think>answer"
    r = run("think_tags", a=text)
    assert r == {"think_blocks": 1, "think_well_formed": 1, "think_share": approx(3 / len(text))}
    assert run("think_tags", a="<think>a<think>b</think>")["think_well_formed"] == 0
    assert math.isnan(run("think_tags", a="no tags")["think_well_formed"])
