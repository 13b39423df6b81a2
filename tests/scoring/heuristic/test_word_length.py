from heuristic_cases import run


def test_counts_words_on_either_side():
    assert run("word_length", a="Hello, world! It's 42.")["words"] == 4      # hello world it's 42
    assert run("word_length", q="two words", side="Q")["words"] == 2
