"""Swedish numbers: decimal comma, no-break space for thousands, Excel's rounding (§5.6)."""

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from hsn_analysis.rules.rounding import round_half_away
from hsn_analysis.words.formatting import (
    THOUSANDS_SEP,
    format_number,
    format_percent,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (23.125, 2, Decimal("23.13")),  # Python's round() would give 23.12
        (-23.125, 2, Decimal("-23.13")),  # away from zero, also below it
        (2.5, 0, Decimal("3")),
        (-2.5, 0, Decimal("-3")),
        (1.005, 2, Decimal("1.01")),  # the double is 1.00499999…; Excel shows 1,01
        (2.675, 2, Decimal("2.68")),
        (35.0, 2, Decimal("35.00")),
        (0.004, 2, Decimal("0.00")),
    ],
)
def test_round_half_away_rounds_like_excel(value, decimals, expected):
    assert round_half_away(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (35.0, "35"),
        (23.125, "23,13"),
        (77.5, "77,5"),
        (0, "0"),
        (100 * 28 / 80, "35"),
        (100 * 18.5 / 80, "23,13"),
        (100 * 31 / 40, "77,5"),
        (100 * 0 / 40, "0"),
        (1234.5, f"1{NBSP}234,5"),
        (1234567.891, f"1{NBSP}234{NBSP}567,89"),
        (999.999, f"1{NBSP}000"),
        (-1234.5, f"-1{NBSP}234,5"),
        (-0.5, "-0,5"),
        (-0.001, "0"),  # never "-0"
        (-0.0, "0"),
        (np.int64(5), "5"),
        (np.float64(12.5), "12,5"),
    ],
)
def test_format_number_writes_swedish_numbers(value, expected):
    assert format_number(value) == expected


def test_format_number_uses_a_no_break_space_between_thousands():
    assert THOUSANDS_SEP == NBSP
    assert " " not in format_number(1234567.0)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(23.125, 0, "23"), (23.5, 0, "24"), (23.125, 1, "23,1"), (0.125, 3, "0,125")],
)
def test_format_number_honours_the_number_of_decimals(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    "missing", [None, math.nan, np.nan, np.float64("nan"), np.float32("nan"), pd.NA]
)
def test_missing_numbers_are_written_as_nothing(missing):
    assert format_number(missing) == ""
    assert format_percent(missing) == ""


def test_format_percent_puts_a_no_break_space_before_the_sign():
    assert format_percent(77.5) == f"77,5{NBSP}%"
    assert format_percent(100.0) == f"100{NBSP}%"
