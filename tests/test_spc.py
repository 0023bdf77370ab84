"""The XmR signals of Making Data Count, on series whose limits are worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hsn_analysis.rules.spc import (
    MIN_POINTS,
    Assurance,
    Direction,
    Limits,
    Rule,
    Variation,
    analyse,
    assurance,
    direction_for,
    special_causes,
    xmr_limits,
)


def periods(n: int, first_year: int = 2021) -> list[str]:
    """n tertial codes in order from T1 of `first_year`."""
    return [f"{first_year + i // 3}-T{i % 3 + 1}" for i in range(n)]


def series(values: list[float]) -> pd.Series:
    return pd.Series(values, index=periods(len(values)), dtype=float)


def rules_of(values: list[float]) -> list[str | None]:
    found = special_causes(values, xmr_limits(values))
    return [None if r is None else str(r) for r in found["regel"]]


# Each series fires exactly one rule. Limits by hand: mean, MR̄ = mean |difference|,
# limits mean ± 2,66·MR̄, "near" beyond mean ± (2/3)·2,66·MR̄.
OUTSIDE = [0, 20, 0, 20, 0, 20, 0, 20, 0, 20, 0, 100]  # mean 200/12 = 16,67; MR̄ 300/11 = 27,27
# upper 16,67 + 72,55 = 89,21: only the 100 is outside; 0 and 20 alternate around the mean.
TREND = [20, 0, 20, 0, 20, 2, 4, 6, 8, 10, 12, 14]  # mean 116/12 = 9,67; MR̄ 110/11 = 10
# 2, 4 … 14 rise seven times in a row; 2-8 lie below the mean and 10-14 above: no shift.
TWO_OF_THREE = [0, 20, 0, 20, 0, 20, 0, 20, 0, 20, 55, 60]  # mean 215/12 = 17,92; MR̄ 220/11 = 20
# near 17,92 + 35,47 = 53,38, upper 17,92 + 53,2 = 71,12: 55 and 60 are near, not beyond.
SHIFT = [0, 20, 0, 20, 0, 12, 13, 12, 13, 12, 13, 12]  # mean 127/12 = 10,58; MR̄ 98/11 = 8,91
# 12 and 13 lie above 10,58 seven times in a row, far inside the limits, and never trend.


def test_limits_are_the_mean_and_266_mean_moving_ranges_without_screening():
    limits = xmr_limits(OUTSIDE)
    assert limits.mean == pytest.approx(200 / 12)
    assert limits.mean_moving_range == pytest.approx(300 / 11)  # the 100 is not screened out
    assert limits.upper == pytest.approx(200 / 12 + 2.66 * 300 / 11)
    assert limits.lower == pytest.approx(200 / 12 - 2.66 * 300 / 11)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (OUTSIDE, [None] * 11 + ["utanfor_grans"]),
        (TREND, [None] * 5 + ["trend"] * 7),
        (TWO_OF_THREE, [None] * 10 + ["tva_av_tre"] * 2),
        (SHIFT, [None] * 5 + ["niva"] * 7),
    ],
    ids=["point outside a limit", "seven rising", "two of three near a limit", "seven above"],
)
def test_each_rule_fires_alone_on_its_own_series(values, expected):
    assert rules_of(values) == expected


def test_six_rising_and_six_above_are_no_signal():
    assert rules_of([20, 0, 20, 0, 20, 0, 3, 6, 9, 12, 15, 0]) == [None] * 12
    assert rules_of([0, 20, 0, 20, 0, 0, 12, 13, 12, 13, 12, 13]) == [None] * 12


def test_an_equal_step_breaks_a_trend():
    # 2 4 6 8 8 10 12 14: a flat step between the two halves, never 7 rising in a row
    assert "trend" not in rules_of([20, 0, 20, 0, 2, 4, 6, 8, 8, 10, 12, 14])


def test_a_falling_trend_above_the_mean_is_labelled_by_the_trend_not_the_shift():
    # mean 285/12 = 23,75; 40 30 29 … 25 are seven points above it (shift: high) and seven
    # falling (trend: low). The trend comes first in MDC's order, so the points are low.
    values = [0, 40, 0, 40, 0, 40, 30, 29, 28, 27, 26, 25]
    found = special_causes(values, xmr_limits(values))
    assert [None if r is None else str(r) for r in found["regel"]] == [None] * 5 + ["trend"] * 7
    assert found["sida"].tolist() == [0] * 5 + [-1] * 7


def test_a_point_outside_the_limit_keeps_that_rule_inside_a_trend():
    # mean 265/12 = 22,08, MR̄ 230/11 = 20,91, upper 77,7: 10 11 … 15 100 rise seven times
    # and the 100 is also outside; it is labelled by the first rule.
    values = [30, 0, 30, 0, 30, 10, 11, 12, 13, 14, 15, 100]
    assert rules_of(values) == [None] * 5 + ["trend"] * 6 + ["utanfor_grans"]


@pytest.mark.parametrize(
    ("target_type", "direction", "last"),
    [
        ("minst", Direction.INCREASE, Variation.IMPROVEMENT),
        ("öka", Direction.INCREASE, Variation.IMPROVEMENT),
        ("högst", Direction.DECREASE, Variation.CONCERN),
        ("minska", Direction.DECREASE, Variation.CONCERN),
        ("ingen", Direction.NEUTRAL, Variation.HIGH),
    ],
)
def test_a_high_last_point_is_improvement_or_concern_by_the_direction(target_type, direction, last):
    assert direction_for(target_type) is direction
    result = analyse(series(OUTSIDE), target_type)
    assert result is not None
    assert result.variation is last


def test_a_low_special_cause_is_low_when_neutral_and_improvement_when_lower_is_better():
    falling = [100 - v for v in TREND]
    assert analyse(series(falling), "ingen").variation is Variation.LOW
    assert analyse(series(falling), "högst").variation is Variation.IMPROVEMENT
    assert analyse(series(falling), "minst").variation is Variation.CONCERN


def test_a_last_point_of_common_cause_gives_the_common_icon_even_after_earlier_signals():
    # mean 510/13 = 39,2, MR̄ 990/12 = 82,5, upper 258,7: the 300 is outside, the 10 is not
    values = [0, 40] * 5 + [0, 300, 10]
    result = analyse(series(values), "minst")
    assert result is not None
    assert result.points["variation"].iloc[-2] is Variation.IMPROVEMENT
    assert result.variation is Variation.COMMON


def test_eleven_points_are_too_short_and_twelve_are_enough():
    assert MIN_POINTS == 12
    assert analyse(series(OUTSIDE[:11]), "minst") is None
    result = analyse(series(OUTSIDE), "minst")
    assert result is not None
    assert result.count == 12


def test_missing_values_are_no_points_and_do_not_break_the_series():
    values = [*OUTSIDE[:6], math.nan, *OUTSIDE[6:]]  # 13 periods, 12 values
    result = analyse(series(values), "minst")
    assert result is not None
    assert result.count == 12
    assert result.limits == xmr_limits(OUTSIDE)
    assert "2023-T1" not in set(result.points["period"])  # the seventh period had no value
    assert analyse(series([*OUTSIDE[:6], math.nan, *OUTSIDE[6:11]]), "minst") is None


def test_a_flat_series_has_zero_moving_range_and_no_signal():
    result = analyse(series([5.0] * 12), "minst", target=5.0)
    assert result is not None
    assert result.limits == Limits(5.0, 0.0)
    assert (result.limits.lower, result.limits.upper) == (5.0, 5.0)
    assert result.points["regel"].isna().all()
    assert result.variation is Variation.COMMON
    assert result.assurance is Assurance.HIT_AND_MISS  # the target lies on both limits
    assert analyse(series([5.0] * 12), "minst", target=6.0).assurance is Assurance.FAIL


# Alternating 10 and 14: mean 12, MR̄ 4, limits 12 ± 10,64 = 1,36 … 22,64.
STEADY = [10.0, 14.0] * 6


@pytest.mark.parametrize(
    ("target_type", "target", "expected"),
    [
        ("minst", 25.0, Assurance.FAIL),  # higher is better and the target is above the limit
        ("minst", 1.0, Assurance.PASS),
        ("minst", 15.0, Assurance.HIT_AND_MISS),
        ("högst", 25.0, Assurance.PASS),  # lower is better: a high ceiling is always met
        ("högst", 1.0, Assurance.FAIL),
        ("högst", 22.64, Assurance.HIT_AND_MISS),
        ("ingen", 25.0, None),
        ("minst", None, None),
    ],
)
def test_assurance_compares_the_target_with_the_limits(target_type, target, expected):
    result = analyse(series(STEADY), target_type, target=target)
    assert result is not None
    assert result.limits.lower == pytest.approx(12 - 2.66 * 4)
    assert result.assurance == expected


def test_assurance_of_a_neutral_direction_is_none_even_with_a_target():
    assert assurance(xmr_limits(STEADY), Direction.NEUTRAL, 100.0) is None


def test_spc_fran_restarts_the_limits_and_needs_twelve_points_after_it():
    old = [50.0, 60.0] * 3  # six points of the old method, far above the new ones
    values = old + STEADY
    restarted = analyse(series(values), "minst", restart=periods(18)[6])
    assert restarted is not None
    assert restarted.count == 12
    assert restarted.limits == xmr_limits(STEADY)
    earlier = restarted.points[restarted.points["segment"] == 0]
    assert earlier["medel"].isna().all() and earlier["regel"].isna().all()
    assert analyse(series(values), "minst", restart=periods(18)[7]) is None  # 11 after it
    unbroken = analyse(series(values), "minst")
    assert unbroken is not None and unbroken.count == 18


values_strategy = st.lists(st.integers(-1000, 1000), min_size=2, max_size=40)


@settings(deadline=None)  # a shared, busy machine: no per-example deadline
@given(values_strategy)
def test_the_limits_lie_symmetric_around_the_mean(values):
    limits = xmr_limits(values)
    assert limits.lower <= limits.mean <= limits.upper
    assert limits.upper - limits.mean == pytest.approx(limits.mean - limits.lower)


@settings(deadline=None)  # a shared, busy machine: no per-example deadline
@given(values_strategy)
def test_turning_the_series_upside_down_turns_every_signal(values):
    up = special_causes(values, xmr_limits(values))
    down = special_causes([-v for v in values], xmr_limits([-v for v in values]))
    assert up["regel"].tolist() == down["regel"].tolist()
    assert (up["sida"] == -down["sida"]).all()


@settings(deadline=None)  # a shared, busy machine: no per-example deadline
@given(values_strategy)
def test_doubling_the_series_changes_no_signal(values):
    once = special_causes(values, xmr_limits(values))
    twice = special_causes([2 * v for v in values], xmr_limits([2 * v for v in values]))
    assert once.equals(twice)


@settings(deadline=None)  # a shared, busy machine: no per-example deadline
@given(values_strategy)
def test_a_point_has_a_rule_exactly_when_it_has_a_side(values):
    found = special_causes(values, xmr_limits(values))
    assert (found["regel"].notna() == (found["sida"] != 0)).all()
    assert set(found["regel"].dropna()) <= set(Rule)


@settings(deadline=None)  # a shared, busy machine: no per-example deadline
@given(st.lists(st.floats(-1e6, 1e6), min_size=MIN_POINTS, max_size=30))
def test_the_icons_are_always_one_of_their_codes(values):
    result = analyse(series(values), "minst", target=float(np.median(values)))
    assert result is not None
    assert result.variation in {Variation.IMPROVEMENT, Variation.CONCERN, Variation.COMMON}
    assert result.assurance in set(Assurance)
