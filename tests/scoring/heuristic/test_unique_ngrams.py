from heuristic_cases import WordStatsCase, approx, close, run


def test_distinct_shares_by_hand():
    r = run("unique_ngrams", a="a b a b")
    assert r == {"distinct_1": 0.5, "distinct_2": approx(2 / 3), "distinct_3": 1.0}


def test_batch_values_equal_per_text_counters():
    case = WordStatsCase()
    nan = float("nan")
    for n in (1, 2, 3):
        close(case.values("unique_ngrams")[f"distinct_{n}"],
              [len(c) / sum(c.values()) if c else nan for c in case.grams(n)])
