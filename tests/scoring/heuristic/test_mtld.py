import math

from heuristic_cases import approx, run

from scoring.heuristic.mtld import mtld


def test_mtld_hand_computed():
    # a b a b: TTR hits 2/3 <= 0.72 at the 3rd word -> 1 factor, remainder "b" has TTR 1 (no partial)
    assert mtld(["a", "b", "a", "b"]) == approx(4.0)
    # a b c a: TTR ends at 0.75 -> partial factor 0.25 / 0.28 both ways
    assert mtld(["a", "b", "c", "a"]) == approx(4 / (0.25 / 0.28))
    assert math.isnan(mtld(["a", "b", "c"]))        # nothing repeats: undefined
    assert run("mtld", a="a b a b")["mtld"] == approx(4.0)
