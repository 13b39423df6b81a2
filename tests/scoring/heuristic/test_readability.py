import numpy as np
from heuristic_cases import approx, run, run_many
from scoring_fixtures import sample_row

from scoring.heuristic.readability import flesch
from scoring.textstats import words_of


def test_flesch_by_hand():
    assert run("readability", a="The cat sat.")["flesch_reading_ease"] == approx(206.835 - 1.015 * 3 - 84.6)


def test_batch_readability_equals_the_per_text_formula():
    texts = ["The cat sat. It ran away!", "", "Extraordinary circumstances necessitate unconventional approaches.",
             "one", "Rhythm 42 nth. Queue the make-believe stories.\n\nAnother paragraph here"]
    rows = [sample_row("q", t, i) for i, t in enumerate(texts)]
    got = run_many("readability", rows)["flesch_reading_ease"]
    want = np.array([flesch(t, words_of(t)) for t in texts], dtype=float)
    assert np.array_equal(np.isnan(got), np.isnan(want))
    assert np.allclose(got[~np.isnan(got)], want[~np.isnan(want)])
