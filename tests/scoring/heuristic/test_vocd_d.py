import math

import numpy as np
import pytest
from heuristic_cases import run
from scipy.optimize import curve_fit
from scoring_fixtures import zipf_text

from scoring.textstats import words_of


def test_vocd_matches_the_original_monte_carlo_procedure():
    text = zipf_text(300, 150, 3)
    words = words_of(text)
    rng = np.random.default_rng(0)
    sizes = np.arange(35, 51)
    mc = [np.mean([len(set(rng.choice(words, n, replace=False))) / n for _ in range(2000)]) for n in sizes]

    def model(n, d):
        d = np.abs(d)
        return (d / n) * (np.sqrt(1 + 2 * n / d) - 1)

    (d_mc,), _ = curve_fit(model, sizes.astype(float), np.array(mc), p0=[50.0])
    got = run("vocd_d", a=text)["vocd_d"]
    assert 10 < got == pytest.approx(abs(d_mc), rel=0.03)
    assert math.isnan(run("vocd_d", a=zipf_text(40, 20, 4))["vocd_d"])
