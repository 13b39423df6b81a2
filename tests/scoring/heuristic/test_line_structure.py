from heuristic_cases import run


def test_lines_list_items_and_headers():
    r = run("line_structure", a="# Title\n\n- a\n- b\n1. c\nplain")
    assert r == {"lines": 5, "list_items": 3, "md_headers": 1}
