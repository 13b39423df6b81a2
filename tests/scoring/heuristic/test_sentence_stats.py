from heuristic_cases import run


def test_sentences_and_mean_words_per_sentence():
    r = run("sentence_stats", a="One two. Three four five! Six?")
    assert r == {"sentences": 3, "mean_sentence_words": 2}
