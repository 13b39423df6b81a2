import math

from heuristic_cases import WordStatsCase, approx, close, run

from scoring.heuristic.entropy import entropy_bits


def test_bigram_and_trigram_entropy_by_hand():
    r = run("ngram_entropy", a="a a b b")
    assert r["bigram_entropy"] == approx(math.log2(3)) and r["trigram_entropy"] == approx(1.0)


def test_batch_values_equal_the_per_text_reference():
    case = WordStatsCase()
    close(case.values("ngram_entropy")["trigram_entropy"], [entropy_bits(c) for c in case.grams(3)])
