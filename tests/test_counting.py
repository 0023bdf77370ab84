"""Counted words agree with their number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hsn_analysis.words.counting import ERRORS, REPORTS, UNITS, WARNINGS, counted


@pytest.mark.parametrize(
    ("n", "noun", "text"),
    [
        (0, REPORTS, "0 rapporter"),
        (1, REPORTS, "1 rapport"),
        (2, REPORTS, "2 rapporter"),
        (1, WARNINGS, "1 varning"),
        (5, WARNINGS, "5 varningar"),
        (1, UNITS, "1 enhet"),
        (1, ERRORS, "1 fel"),
        (3, ERRORS, "3 fel"),
    ],
)
def test_the_noun_agrees_with_its_number(n, noun, text):
    assert counted(n, noun) == text


@given(st.integers(min_value=2, max_value=10**6))
def test_every_number_but_one_takes_the_plural(n):
    assert counted(n, REPORTS) == f"{n} rapporter"
