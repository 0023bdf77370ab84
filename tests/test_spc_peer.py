"""Our XmR signals against the expectations of a peer: NHSRplotthedots, the NHS-R community's
R package of the Making Data Count method (repository nhs-r-community/NHSRplotthedots, commit
050b07d7eacc011767532732f69b8fd7d6a28fd3, version 0.2.2). Its tests' and vignettes' values
and expected results are copied as data into tests/fixtures/peer/nhsrplotthedots_xmr.json,
each case naming the file it comes from.

Outlier screening is off on our side (the MDC Excel tool's way). Where the source screens,
the test first checks that screening changes nothing the expectation depends on.

Where we deliberately differ: the assurance. The package compares the target with the latest
limits whatever the variation says; we do the same comparison (`assurance`), but while the
latest point is itself a special cause the process has changed and the report says "not
assessable" (`ej_bedombar`) with the reason instead. The cases marked `ours` say so.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from hsn_analysis.rules.spc import (
    Assurance,
    Direction,
    Limits,
    Variation,
    analyse,
    assurance,
    special_causes,
    xmr_limits,
)
from hsn_analysis.rules.spc_rules import shift_sides, trend_sides, two_of_three_sides

FIXTURE = Path(__file__).parent / "fixtures" / "peer" / "nhsrplotthedots_xmr.json"
PEER = json.loads(FIXTURE.read_text(encoding="utf-8"))
OUTLYING_RANGE = 3.267  # the package screens moving ranges at 3,267 × MR̄

# The package's names for a point's type and the icons, in our codes.
POINT_TYPES = {
    "common_cause": Variation.COMMON,
    "special_cause_improvement": Variation.IMPROVEMENT,
    "special_cause_concern": Variation.CONCERN,
    "special_cause_neutral_high": Variation.HIGH,
    "special_cause_neutral_low": Variation.LOW,
}
VARIATION_ICONS = {
    "common_cause": (Variation.COMMON, 0),
    "improvement_high": (Variation.IMPROVEMENT, 1),
    "improvement_low": (Variation.IMPROVEMENT, -1),
    "concern_high": (Variation.CONCERN, 1),
    "concern_low": (Variation.CONCERN, -1),
    "neutral_high": (Variation.HIGH, 1),
    "neutral_low": (Variation.LOW, -1),
}
ASSURANCE = {
    "pass": Assurance.PASS,
    "consistent_pass": Assurance.PASS,
    "fail": Assurance.FAIL,
    "consistent_fail": Assurance.FAIL,
    "inconsistent": Assurance.HIT_AND_MISS,
    None: None,
}
TARGET_TYPE = {"increase": "minst", "decrease": "högst", "neutral": "ingen"}


def series(values: list[float]) -> pd.Series:
    periods = [f"{2000 + i // 3}-T{i % 3 + 1}" for i in range(len(values))]
    return pd.Series(values, index=periods, dtype=float)


def screened_limits(values: list[float]) -> Limits:
    """The package's default: moving ranges of 3,267 × MR̄ or more left out of MR̄."""
    ranges = np.abs(np.diff(values))
    kept = ranges[ranges < OUTLYING_RANGE * ranges.mean()]
    return Limits(float(np.mean(values)), float(kept.mean()))


def test_the_fixture_names_its_source_and_commit():
    assert PEER["source"]["repository"] == "nhs-r-community/NHSRplotthedots"
    assert len(PEER["source"]["commit"]) == 40


@pytest.mark.parametrize("case", PEER["limits"], ids=lambda c: c["name"])
def test_limits_match_the_peers_printed_values(case):
    values = case["values"]
    if case["screen_outliers"]:
        assert case["no_outlying_moving_range"]
        assert screened_limits(values) == xmr_limits(values)  # screening leaves all in
    limits = xmr_limits(values)
    digits = case["digits"]
    # The package prints 7 significant digits (6 decimals here) or rounds to `digits`.
    tolerance = 0.5 * 10.0**-digits + 1e-9
    assert limits.mean == pytest.approx(case["mean"], abs=tolerance)
    assert limits.lower == pytest.approx(case["lpl"], abs=tolerance)
    assert limits.upper == pytest.approx(case["upl"], abs=tolerance)
    if "point_types" in case:
        result = analyse(series(values), TARGET_TYPE[case["improvement_direction"]])
        expected = [POINT_TYPES[t] for t in case["point_types"]]
        assert result.points["variation"].tolist() == expected
        assert result.variation is VARIATION_ICONS[case["variation_icon"]][0]
        assert result.assurance is ASSURANCE[case["assurance_icon"]]


def test_two_near_points_on_opposite_sides_of_the_mean_are_common_cause():
    case = PEER["two_of_three_opposite_sides"]
    values = case["values"]
    limits = xmr_limits(values)
    last_two = np.array(values[-2:])
    # Unscreened (ours) the two points stay near their limits and inside them, as screened:
    # the case tests only the side of the mean.
    for own in (limits, screened_limits(values)):
        assert own.upper_near < last_two[0] < own.upper
        assert own.lower < last_two[1] < own.lower_near
    result = analyse(series(values), TARGET_TYPE[case["improvement_direction"]])
    expected = [POINT_TYPES[t] for t in case["last_two_point_types"]]
    assert result.points["variation"].tolist()[-2:] == expected


@pytest.mark.parametrize("case", PEER["trend"]["cases"], ids=lambda c: str(c["y"]))
def test_points_of_seven_rising_or_falling_are_the_peers(case):
    assert trend_sides(np.array(case["y"], dtype=float)).tolist() == case["part"]


@pytest.mark.parametrize("case", PEER["shift"]["cases"], ids=lambda c: str(c["relative_to_mean"]))
def test_points_of_seven_on_one_side_are_the_peers(case):
    sides = np.array(case["relative_to_mean"], dtype=float)
    assert shift_sides(sides, 0.0).tolist() == case["part"]


@pytest.mark.parametrize(
    "case",
    PEER["two_of_three"]["cases"],
    ids=lambda c: f"{c['close']}/{c['relative_to_mean']}",
)
def test_two_of_three_near_a_limit_are_the_peers(case):
    # The flags as values: mean 0 and MR̄ 1 put "near" beyond ±1,77 and the limits at ±2,66;
    # 2,5 is near (not beyond), 0,5 is neither, each on its side of the mean.
    limits = Limits(0.0, 1.0)
    values = [
        side * (2.5 if close else 0.5)
        for close, side in zip(case["close"], case["relative_to_mean"], strict=True)
    ]
    found = np.abs(two_of_three_sides(np.array(values), limits))
    assert found.tolist() == case["part"]
    labelled = special_causes(values, limits)["regel"]
    assert [int(r == "tva_av_tre") for r in labelled] == case["part"]


@pytest.mark.parametrize("case", PEER["assurance"]["cases"], ids=lambda c: str(c))
def test_assurance_compares_the_target_with_the_limits_as_the_peer_does(case):
    lower, upper = case["lpl"], case["upl"]
    limits = Limits((lower + upper) / 2, (upper - lower) / 2 / 2.66)
    assert limits.lower == pytest.approx(lower) and limits.upper == pytest.approx(upper)
    found = assurance(limits, Direction(case["direction"]), float(case["target"]))
    assert found is ASSURANCE[case["expected"]]


@pytest.mark.parametrize("case", PEER["icons"]["cases"], ids=lambda c: c["name"])
def test_the_icons_are_the_peers_except_an_assurance_we_cannot_read(case):
    values, target = case["values"], case["target"]
    target_type = TARGET_TYPE[case["direction"]]
    result = analyse(series(values), target_type, target=None if target is None else target)
    variation, side = VARIATION_ICONS[case["variation"]]
    assert result.variation is variation
    assert int(result.points["sida"].iloc[-1]) == side
    direction = Direction(case["direction"])
    peer = ASSURANCE[case["assurance"]]
    if target is not None and direction is not Direction.NEUTRAL:
        # The peer screens: the target lies on the same side of its limits and ours.
        ours, theirs = xmr_limits(values), screened_limits(values)
        assert assurance(ours, direction, target) is assurance(theirs, direction, target)
    # MDC's comparison of the target with the limits gives the peer's icon ...
    assert assurance(result.limits, direction, target) is peer
    if "ours" in case:
        # ... but the latest point is a special cause: the process has changed, and the
        # report says the assurance cannot be read, with the rule as the reason.
        assert result.assurance is Assurance(case["ours"])
        assert result.assurance_reason is not None
        assert result.suggested_start is not None
    else:
        assert result.assurance is peer
