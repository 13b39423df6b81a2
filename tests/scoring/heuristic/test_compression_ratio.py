import zlib

from heuristic_cases import approx, run


def test_compression_ratio():
    text = "the same sentence again. " * 40
    assert run("compression_ratio", a=text)["compression_ratio"] == approx(
        len(zlib.compress(text.encode(), 6)) / len(text.encode()))
    assert run("compression_ratio", a=text)["compression_ratio"] < 0.1
