from heuristic_cases import run


def test_counts_code_points():
    assert run("char_length", a="Hello, world!")["chars"] == 13
