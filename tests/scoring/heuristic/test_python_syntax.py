import math

from heuristic_cases import run


def test_python_blocks_bare_python_and_prose():
    text = "Here:\n```python\nx = 1\n```\ntext\n```py\ndef f(:\n```\n```bash\nls\n```"
    assert run("python_syntax", a=text) == {"python_snippets": 2, "python_valid_ratio": 0.5}
    assert run("python_syntax", a="def f():\n    return 1") == {"python_snippets": 1, "python_valid_ratio": 1.0}
    assert math.isnan(run("python_syntax", a="plain prose")["python_valid_ratio"])
