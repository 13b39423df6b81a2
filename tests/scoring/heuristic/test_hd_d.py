import math

import pytest
from heuristic_cases import WordStatsCase, close, run
from scipy.stats import hypergeom
from scoring_fixtures import zipf_text

from scoring.heuristic.hd_d import hdd
from scoring.textstats import words_of


def test_hdd_matches_scipy_hypergeometric():
    text = zipf_text(120, 40, 1)
    words = words_of(text)
    n = len(words)
    expected = sum((1 - hypergeom.pmf(0, n, words.count(t), 42)) / 42 for t in set(words))
    assert run("hd_d", a=text)["hd_d"] == pytest.approx(expected, rel=1e-9)
    assert math.isnan(run("hd_d", a=zipf_text(30, 10, 2))["hd_d"])


def test_batch_values_equal_the_per_text_reference():
    case = WordStatsCase()
    close(case.values("hd_d")["hd_d"], [hdd(c) for c in case.grams(1)])
