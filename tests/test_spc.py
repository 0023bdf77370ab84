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
    Bounds,
    Direction,
    Limits,
    Rule,
    Unassessable,
    Variation,
    analyse,
    assurance,
    change_start,
    direction_for,
    readable_assurance,
    special_causes,
    xmr_limits,
)
from hsn_analysis.rules.spc_rules import trend_sides


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


def test_two_of_three_near_a_limit_with_one_point_across_the_mean_is_no_signal():
    # mean 0, MR̄ 2 → near beyond ±3,55, limits ±5,32: 4 and 4,5 are near the upper limit,
    # but the point between them lies below the mean, so the window is not on one side.
    limits = Limits(0.0, 2.0)
    found = special_causes([4.0, -1.0, 4.5], limits)
    assert found["regel"].isna().all()
    on_one_side = special_causes([4.0, 1.0, 4.5], limits)
    assert [None if r is None else str(r) for r in on_one_side["regel"]] == [
        "tva_av_tre",
        None,
        "tva_av_tre",
    ]


def test_a_point_beyond_the_limit_counts_towards_two_of_three():
    # 6 is beyond the upper limit 5,32 (labelled by that rule), 4 near it: the 4 takes 2 of 3.
    found = special_causes([1.0, 4.0, 6.0], Limits(0.0, 2.0))
    assert [None if r is None else str(r) for r in found["regel"]] == [
        None,
        "tva_av_tre",
        "utanfor_grans",
    ]


def test_a_peak_between_two_trends_belongs_to_the_trend_it_begins():
    # 1 … 7 rise and 7 … 1 fall: the 7 ends the rise and begins the fall.
    y = np.array([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1], dtype=float)
    assert trend_sides(y).tolist() == [1] * 6 + [-1] * 7
    assert trend_sides(-y).tolist() == [-1] * 6 + [1] * 7


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


@pytest.mark.parametrize(
    ("verdict", "rule", "comparable", "expected"),
    [
        (Assurance.PASS, None, True, (Assurance.PASS, None)),
        (Assurance.PASS, Rule.TREND, True, (Assurance.NOT_ASSESSABLE, Rule.TREND)),
        (Assurance.FAIL, Rule.OUTSIDE, False, (Assurance.NOT_ASSESSABLE, Rule.OUTSIDE)),
        (
            Assurance.HIT_AND_MISS,
            None,
            False,
            (Assurance.NOT_ASSESSABLE, Unassessable.YEAR_TO_DATE_TARGET),
        ),
        (None, Rule.SHIFT, True, (None, None)),  # no target: nothing to assess
    ],
)
def test_assurance_is_read_only_while_the_latest_point_is_common_cause(
    verdict, rule, comparable, expected
):
    assert readable_assurance(verdict, rule, comparable) == expected


def test_a_rising_series_whose_latest_points_are_a_trend_has_no_assurance_verdict():
    # I1.1.1 of the example: 14 points rising, the last outside the upper limit. MDC's
    # comparison says the target 70 lies above the upper limit (will fail); the latest value
    # 72,4 has just passed it. The limits span the change: not assessable, with the reason.
    values = [47.0, 48.2, 47.6, 49.1, 50.3, 51.0, 52.4, 54.1, 55.8, 58.3, 61.0, 63.2, 66.5, 72.4]
    result = analyse(series(values), "minst", target=70.0)
    assert assurance(result.limits, Direction.INCREASE, 70.0) is Assurance.FAIL
    assert result.assurance is Assurance.NOT_ASSESSABLE
    assert result.assurance_reason is Rule.OUTSIDE
    # the trend and the shift above the mean run back to 2022-T2, where the change began
    assert result.suggested_start == "2022-T2"
    assert result.points["regel"].iloc[4] == "trend"


@pytest.mark.parametrize(
    ("sides", "expected"),
    [
        ([0, 0, 0], None),  # the latest point is common cause: nothing began
        ([0, 1, 1, 1], 1),
        ([1, 1, 0, 1, 0, 1], 0),  # single gaps of a two-of-three window do not end it
        ([1, 0, 0, 1, 1], 3),  # two common-cause points do
        ([-1, -1, 1, 1], 2),  # the other side is another special cause
        ([1], 0),
    ],
)
def test_the_change_begins_at_the_first_flagged_point_before_the_latest(sides, expected):
    assert change_start(sides) == expected


def test_a_count_whose_lower_limit_falls_below_zero_is_shown_at_zero_and_says_so():
    values = [0.0, 9.0] * 6  # mean 4,5, MR̄ 9: lower limit 4,5 − 23,94 < 0
    result = analyse(series(values), "högst", bounds=Bounds(0.0, None))
    assert result.lower.computed == pytest.approx(4.5 - 2.66 * 9)
    assert result.lower.shown == 0.0 and result.lower.bounded
    assert not result.upper.bounded
    assert (result.points["undre"] == 0.0).all()
    assert result.points["regel"].isna().all()  # the rules use the limits as computed


def test_a_share_is_shown_within_0_and_100_percent():
    values = [2.0, 99.0] * 6
    result = analyse(series(values), "minst", bounds=Bounds(0.0, 100.0))
    assert (result.lower.shown, result.upper.shown) == (0.0, 100.0)
    assert result.lower.computed < 0 and result.upper.computed > 100
    assert result.points["ovre"].max() <= 100 and result.points["undre"].min() >= 0


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


def _runs_to_a_turn(draw: st.DrawFn) -> list[float]:
    """A series that surely has a peak or a valley ending one trend of 7 and beginning
    another: noise, a run of 7 to 9 strict steps one way, then 7 to 9 the other way."""
    noise = draw(st.lists(st.integers(-50, 50), max_size=8))
    first, second = draw(st.integers(7, 9)), draw(st.integers(7, 9))
    sign = draw(st.sampled_from([1, -1]))
    steps = draw(st.lists(st.integers(1, 20), min_size=first + second, max_size=first + second))
    level = draw(st.integers(-100, 100))
    values = [float(v) for v in noise] + [float(level)]
    for i, step in enumerate(steps):  # `first` steps one way (7 points), then the other
        direction = sign if i < first else -sign
        values.append(values[-1] + direction * step)
    return values


turning_series = st.composite(_runs_to_a_turn)()


@settings(deadline=None)  # a shared, busy machine: no per-example deadline
@given(turning_series)
def test_turning_a_series_with_a_peak_between_trends_upside_down_turns_every_label(values):
    up = special_causes(values, xmr_limits(values))
    flipped = [-v for v in values]
    down = special_causes(flipped, xmr_limits(flipped))
    assert up["regel"].tolist() == down["regel"].tolist()
    assert (up["sida"] == -down["sida"]).all()
    # The test meets what it is about: a turning point that both trends claim, labelled by
    # the trend it begins in both orientations.
    y = np.asarray(values)
    rising, falling = trend_sides(y), trend_sides(-y)
    steps = np.sign(np.diff(y))
    turns = [i for i in range(1, len(y) - 1) if steps[i - 1] == -steps[i] != 0]
    claimed = [i for i in turns if rising[i] != 0 and rising[i] == steps[i]]
    assert claimed, "the series has a turning point between two trends"
    assert all(falling[i] == -rising[i] for i in claimed)


@settings(deadline=None)  # a shared, busy machine: no per-example deadline
@given(
    st.lists(st.integers(0, 1000), min_size=MIN_POINTS, max_size=30),
    st.sampled_from([Bounds(0.0, None), Bounds(0.0, 100.0)]),
)
def test_no_drawn_or_listed_limit_lies_outside_the_measures_bounds(values, bounds):
    if bounds.upper is not None:
        values = [v / 10 for v in values]  # shares: 0–100 %
    result = analyse(series(values), "minst", target=50.0, bounds=bounds)
    drawn = result.points[["undre", "ovre"]].to_numpy().ravel()
    listed = [result.lower.shown, result.upper.shown]
    for limit in [*drawn, *listed]:
        assert limit >= bounds.lower
        assert bounds.upper is None or limit <= bounds.upper
    # what was moved says so, and keeps what was computed
    assert result.lower.bounded == (result.limits.lower < 0)
