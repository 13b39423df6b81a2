import math

from heuristic_cases import approx, run


def test_letters_per_writing_system():
    r = run("script_share", a="abc Привет 你好!")
    assert r["latin_share"] == approx(3 / 11) and r["cyrillic_share"] == approx(6 / 11)
    assert r["cjk_share"] == approx(2 / 11) and r["other_script_share"] == 0
    assert math.isnan(run("script_share", a="123")["latin_share"])
