"""The answer-format readers shared by ingest (gold answers) and evaluation (model replies)."""
from __future__ import annotations

import pytest

from ingest.answers import (
    after_hash_marker,
    answer_is,
    final_answer,
    first_number,
    hash_answer,
    last_boxed,
    numbers,
)


def test_hash_answer_reads_the_last_marker_without_separators():
    assert hash_answer("step\n#### 1,000") == "1000"
    # a text that states its answer twice settles on the last one
    assert hash_answer("first try\n#### 5\nno, recount\n#### 6") == "6"
    assert hash_answer("no marker") is None and hash_answer("ends with ####  ") is None
    assert after_hash_marker("####\n42\n") == "42" and after_hash_marker("none") is None


@pytest.mark.parametrize("text,boxed", [
    ("a \\boxed{x^{2}} b \\boxed{\\{1,2\\}}", "\\{1,2\\}"),      # nested braces, the last box
    ("so \\boxed {  7 }.", "7"),                                  # a space before the brace is still LaTeX
    ("\\boxed{3} and then \\boxed{4", None),                      # the last box never closes: truncated
    ("\\boxed{3} then \\boxed 5 {x}", "3"),                       # `\\boxed 5` boxes nothing in braces
    ("no box", None),
])
def test_last_boxed(text, boxed):
    assert last_boxed(text) == boxed


def test_answer_is_must_close_the_text():
    assert answer_is("...so it is 12.The answer is: 12") == "12"
    assert answer_is("The answer is 5.") == "5"
    assert answer_is("The answer is 5.\nBut check it again") is None


def test_final_answer_prefers_the_answer_line_over_boxed_steps():
    assert final_answer("x = \\boxed{2}, so y = 4\n#### 4") == "4"
    assert final_answer("Therefore $\\boxed{\\frac{\\pi}{2}}$.The answer is: \\frac{\\pi}{2}") == "\\frac{\\pi}{2}"
    assert final_answer("It is 9.") is None


def test_numbers_as_written():
    assert numbers("from -3 to $1,250 in 0.5 s") == ["-3", "$1,250", "0.5"]
    assert first_number("total: 18 eggs, 3 ducks") == "18" and first_number("none") is None
