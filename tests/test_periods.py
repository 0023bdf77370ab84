"""Tertial periods: every accepted spelling, order, neighbours and labels (§3, §4)."""

from datetime import date
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hsn_analysis.periods import Period, PeriodError, period_range


@pytest.mark.parametrize(
    "text",
    [
        "2025-T2",
        "2025-t2",
        "2025 T2",
        "2025T2",
        "2025/T2",
        "T2 2025",
        "T2-2025",
        "t2 2025",
        "Tertial 2 2025",
        "tertial 2 2025",
        "TERTIAL 2 2025",
        "  2025 -  T2 ",
        "2025\u00a0T2",  # Excel's no-break space
    ],
)
def test_every_accepted_spelling_of_a_tertial_is_read(text):
    assert Period.parse(text) == Period(2025, 2)


@pytest.mark.parametrize(
    "value",
    ["2025", "2025-T3", "Tertial 3 2025", "2025.0", 2025, 2025.0, np.int64(2025), np.float64(2025)],
)
def test_a_bare_year_is_the_full_year_value_t3(value):
    assert Period.parse(value) == Period(2025, 3)


def test_parse_returns_a_period_unchanged():
    period = Period(2024, 1)
    assert Period.parse(period) is period


@pytest.mark.parametrize(
    "bad",
    [
        "2025-T4",
        "2025-T0",
        "T4 2025",
        "Tertial 5 2025",
        "2025-T2x",
        "25-T2",
        "12025",
        "1800",
        "abc",
        "",
        None,
        float("nan"),
        2025.5,
        True,
        "2025-T1.0",
    ],
)
def test_a_text_that_is_no_period_raises_period_error(bad):
    with pytest.raises(PeriodError):
        Period.parse(bad)


def test_period_error_is_a_value_error_that_shows_the_accepted_spellings():
    with pytest.raises(ValueError, match="2025-T2, T2 2025, Tertial 2 2025"):
        Period.parse("andra tertialet")


@pytest.mark.parametrize(
    ("year", "tertial"), [(2025, 0), (2025, 4), (2025, True), (1899, 1), (3000, 2)]
)
def test_an_impossible_period_cannot_be_built(year, tertial):
    with pytest.raises(PeriodError):
        Period(year, tertial)


def test_periods_are_ordered_by_year_then_tertial_and_codes_sort_the_same_way():
    periods = [Period(2025, 1), Period(2024, 3), Period(2025, 3), Period(2024, 1), Period(2025, 2)]
    ordered = sorted(periods)
    assert ordered == [
        Period(2024, 1),
        Period(2024, 3),
        Period(2025, 1),
        Period(2025, 2),
        Period(2025, 3),
    ]
    assert sorted(p.code for p in periods) == [p.code for p in ordered]
    assert Period(2024, 3) < Period(2025, 1)


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        (Period(2025, 1), Period(2024, 3)),
        (Period(2025, 2), Period(2025, 1)),
        (Period(2025, 3), Period(2025, 2)),
    ],
)
def test_previous_period_crosses_the_year_boundary_from_t1(period, previous):
    assert period.previous == previous


@pytest.mark.parametrize(
    ("period", "following"),
    [
        (Period(2024, 3), Period(2025, 1)),
        (Period(2025, 1), Period(2025, 2)),
        (Period(2025, 2), Period(2025, 3)),
    ],
)
def test_next_period_crosses_the_year_boundary_after_t3(period, following):
    assert period.next == following
    assert following.previous == period


def test_a_range_holds_every_tertial_from_first_to_last_both_included():
    codes = [p.code for p in period_range(Period(2024, 1), Period(2025, 3))]
    assert codes == ["2024-T1", "2024-T2", "2024-T3", "2025-T1", "2025-T2", "2025-T3"]
    assert period_range(Period(2025, 2), Period(2025, 2)) == [Period(2025, 2)]


def test_a_range_that_runs_backwards_is_refused():
    with pytest.raises(PeriodError, match="perioden 2025-T1 kommer efter 2024-T3"):
        period_range(Period(2025, 1), Period(2024, 3))


periods = st.builds(Period, st.integers(1900, 2980), st.integers(1, 3))  # 40 steps stay < 3000


@given(periods, st.integers(0, 40))
def test_a_range_is_consecutive_and_as_long_as_the_tertials_between_its_ends(first, steps):
    last = first
    for _ in range(steps):
        last = last.next
    span = period_range(first, last)
    assert len(span) == steps + 1
    assert span[0] == first and span[-1] == last
    assert all(a.next == b for a, b in pairwise(span))


@pytest.mark.parametrize("tertial", [1, 2, 3])
def test_same_period_last_year_keeps_the_tertial(tertial):
    assert Period(2025, tertial).same_period_last_year == Period(2024, tertial)


@pytest.mark.parametrize(
    ("tertial", "label", "description", "end"),
    [
        (1, "Tertial 1 2025", "per april", date(2025, 4, 30)),
        (2, "Tertial 2 2025", "per augusti", date(2025, 8, 31)),
        (3, "Tertial 3 2025", "helår", date(2025, 12, 31)),
    ],
)
def test_labels_codes_and_dates(tertial, label, description, end):
    period = Period(2025, tertial)
    assert period.code == str(period) == f"2025-T{tertial}"
    assert period.label == label
    assert period.description == description
    assert period.end == end
    assert period.start == date(2025, {1: 1, 2: 5, 3: 9}[tertial], 1)


def test_code_round_trips_through_parse():
    for year in (1999, 2025):
        for tertial in (1, 2, 3):
            period = Period(year, tertial)
            assert Period.parse(period.code) == period
            assert Period.parse(period.label) == period


# ---- the tertial that `--period auto` picks: both sides of every boundary -------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 4, 30), "2024-T3"),  # T1 ends 30 April: still running that day
        (date(2025, 5, 1), "2025-T1"),
        (date(2025, 5, 5), "2025-T1"),  # the scheduled run in May
        (date(2025, 8, 31), "2025-T1"),
        (date(2025, 9, 1), "2025-T2"),
        (date(2025, 9, 5), "2025-T2"),  # the scheduled run in September
        (date(2025, 12, 31), "2025-T2"),
        (date(2026, 1, 1), "2025-T3"),
        (date(2026, 1, 5), "2025-T3"),  # the scheduled run in January
        (date(2026, 11, 24), "2026-T2"),
    ],
)
def test_latest_ended_is_the_last_tertial_whose_last_day_is_over(today, expected):
    assert Period.latest_ended(today).code == expected


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31)))
def test_latest_ended_has_ended_and_the_next_tertial_has_not(today):
    period = Period.latest_ended(today)
    following = (
        Period(period.year + 1, 1)
        if period.tertial == 3
        else Period(period.year, period.tertial + 1)
    )
    assert period.end < today <= following.end
