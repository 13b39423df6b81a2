import random

import numpy as np
from heuristic_cases import WordStatsCase, approx, close, run

from scoring.heuristic.repetition import char_ngram_counts, char_ngram_repeated_share, repeated_share


def test_repetition():
    r = run("repetition", a="x y z x y z")
    assert r["word_trigram_repetition"] == approx(2 / 4)
    assert run("repetition", a="abcdefghijabcdefghij")["char_10gram_repetition"] == approx(2 / 11)
    assert run("repetition", a="a\nb\na")["duplicate_line_ratio"] == approx(2 / 3)


def test_vectorized_char_repetition_equals_the_counter_definition():
    rnd = random.Random(7)
    alphabet = "ab c\né中д"
    # n-grams differing only in their last code point (j/k, 0/1) must stay distinct: a polynomial hash
    # differs only in its low bits there, which a hash that keeps only the top bits would merge
    near = ["abcdefghij abcdefghik", "counting 1234567890 and 1234567891", "x" * 9 + "a" + " " + "x" * 9 + "b"]
    texts = ["", "short", "abcdefghijabcdefghij"] + near + [
        "".join(rnd.choices(alphabet, k=rnd.randint(0, 80))) for _ in range(200)]
    got = char_ngram_repeated_share(texts)
    want = np.array([repeated_share(char_ngram_counts(t)) for t in texts])
    assert np.array_equal(np.isnan(got), np.isnan(want))
    assert np.allclose(got[~np.isnan(got)], want[~np.isnan(want)], rtol=0, atol=1e-15)


def test_batch_word_trigram_repetition_equals_per_text_counters():
    case = WordStatsCase()
    close(case.values("repetition")["word_trigram_repetition"], [repeated_share(c) for c in case.grams(3)])
