from heuristic_cases import run


def test_counts_fenced_blocks_of_any_language():
    text = "Here:\n```python\nx = 1\n```\ntext\n```py\ndef f(:\n```\n```bash\nls\n```"
    assert run("code_blocks", a=text)["code_blocks"] == 3
