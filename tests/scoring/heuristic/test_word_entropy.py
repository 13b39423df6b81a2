from heuristic_cases import WordStatsCase, approx, close, run

from scoring.heuristic.entropy import entropy_bits


def test_two_equally_frequent_words_carry_one_bit():
    assert run("word_entropy", a="a a b b")["word_entropy"] == approx(1.0)


def test_batch_values_equal_the_per_text_reference():
    case = WordStatsCase()
    close(case.values("word_entropy")["word_entropy"], [entropy_bits(c) for c in case.grams(1)])
