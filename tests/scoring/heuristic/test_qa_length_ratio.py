import math

from heuristic_cases import approx, run


def test_log_ratio_of_word_counts_plus_one():
    assert run("qa_length_ratio", q="a b c", a="a b c d")["log_length_ratio"] == approx(math.log(5 / 4))
