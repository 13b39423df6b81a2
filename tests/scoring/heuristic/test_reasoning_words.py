from heuristic_cases import run


def test_connectives_and_density():
    assert run("reasoning_words", a="First, we add. Therefore x.") == {"reasoning_words": 2, "reasoning_density": 40}
