import math

from heuristic_cases import run


def test_mean_characters_per_word_and_nan_without_words():
    assert run("mean_word_length", a="ab abcd")["mean_word_length"] == 3
    assert math.isnan(run("mean_word_length", a="...")["mean_word_length"])
