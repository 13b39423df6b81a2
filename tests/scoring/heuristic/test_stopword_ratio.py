from heuristic_cases import WordStatsCase, approx, close, run

from scoring.heuristic.stopword_ratio import STOPWORDS


def test_share_of_function_words():
    assert run("stopword_ratio", a="the cat is on the mat")["stopword_ratio"] == approx(4 / 6)


def test_batch_values_equal_per_text_counts():
    case = WordStatsCase()
    nan = float("nan")
    close(case.values("stopword_ratio")["stopword_ratio"],
          [sum(w in STOPWORDS for w in ws) / len(ws) if ws else nan for ws in case.words])
