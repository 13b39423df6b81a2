from heuristic_cases import approx, run


def test_one_character_of_each_class():
    r = run("char_classes", a="Ab1 !é")
    assert r == {"digit_ratio": approx(1 / 6), "uppercase_ratio": approx(1 / 6), "punctuation_ratio": approx(1 / 6),
                 "whitespace_ratio": approx(1 / 6), "non_ascii_ratio": approx(1 / 6)}
