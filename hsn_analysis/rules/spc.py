"""Signals as NHS England's Making Data Count defines them: the XmR chart and its icons.

The variant is the one of the MDC Excel tool: limits are the mean ± 2,66 × the mean moving
range, with no screening of outlying moving ranges (NHSRplotthedots screens by default; we
follow the Excel tool, which is what the boards' analysts compare with).

A period without a value is no point: it neither counts towards the minimum nor breaks a run,
and the moving range is taken between the neighbouring points that have values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from hsn_analysis.vocabulary import TargetType

MIN_POINTS = 12  # MDC: fewer points give limits too unsteady to judge by
RUN_LENGTH = 7  # points in a trend or a shift
LIMIT_FACTOR = 2.66  # 3 / d2 for moving ranges of two points (d2 = 1,128)


class Direction(StrEnum):
    """Which way is better for an indicator: from its `maltyp`."""

    INCREASE = "increase"
    DECREASE = "decrease"
    NEUTRAL = "neutral"


class Rule(StrEnum):
    """The special-cause rules, in MDC's precedence (the first that applies labels a point)."""

    OUTSIDE = "utanfor_grans"  # a point outside a limit
    TREND = "trend"  # 7 points rising or falling
    TWO_OF_THREE = "tva_av_tre"  # 2 of 3 points near or beyond a limit on one side
    SHIFT = "niva"  # 7 points on one side of the mean


class Variation(StrEnum):
    """The variation icon: the kind of the last point (codes of the summary JSON)."""

    IMPROVEMENT = "forbattring"
    CONCERN = "forsamring"
    COMMON = "slumpmassig"  # common-cause variation only
    HIGH = "hog"  # special cause upwards, neutral direction
    LOW = "lag"  # special cause downwards, neutral direction


class Assurance(StrEnum):
    """The assurance icon: can the process meet its target, as it varies now?"""

    PASS = "klarar"  # the target is beyond the limit on the passing side
    FAIL = "klarar_inte"  # the target lies beyond the limit on the failing side
    HIT_AND_MISS = "varierar"  # the target lies between the limits


RULE_ORDER: tuple[Rule, ...] = tuple(Rule)

_DIRECTIONS = {
    TargetType.AT_LEAST: Direction.INCREASE,
    TargetType.INCREASE: Direction.INCREASE,
    TargetType.AT_MOST: Direction.DECREASE,
    TargetType.DECREASE: Direction.DECREASE,
    TargetType.NONE: Direction.NEUTRAL,
}


def direction_for(target_type: str) -> Direction:
    """The improvement direction of a `maltyp`: minst/öka up, högst/minska down, ingen neutral."""
    return _DIRECTIONS[TargetType(target_type)]


@dataclass(frozen=True)
class Limits:
    """The centre line and process limits of one segment."""

    mean: float
    mean_moving_range: float

    @property
    def upper(self) -> float:
        return self.mean + LIMIT_FACTOR * self.mean_moving_range

    @property
    def lower(self) -> float:
        return self.mean - LIMIT_FACTOR * self.mean_moving_range

    @property
    def upper_near(self) -> float:
        """Two thirds of the way from the mean to the upper limit (past "2 sigma")."""
        return self.mean + 2 / 3 * LIMIT_FACTOR * self.mean_moving_range

    @property
    def lower_near(self) -> float:
        return self.mean - 2 / 3 * LIMIT_FACTOR * self.mean_moving_range


def xmr_limits(values: Sequence[float] | np.ndarray) -> Limits:
    """Mean and mean moving range of the values (at least two, none missing)."""
    array = np.asarray(values, dtype=float)
    if len(array) < 2 or np.isnan(array).any():
        raise ValueError("XmR-gränser kräver minst två punkter utan saknade värden")
    return Limits(float(array.mean()), float(np.abs(np.diff(array)).mean()))


def special_causes(values: Sequence[float] | np.ndarray, limits: Limits) -> pd.DataFrame:
    """Per point: the rule that labels it (None: common cause) and its side (+1 high, -1 low).

    The rules are tried in MDC's precedence; a point that several rules flag takes the rule,
    and so the side, of the first.
    """
    y = np.asarray(values, dtype=float)
    n = len(y)
    found: list[tuple[Rule, np.ndarray]] = [
        (Rule.OUTSIDE, np.where(y > limits.upper, 1, np.where(y < limits.lower, -1, 0))),
        (Rule.TREND, _trend_sides(y)),
        (Rule.TWO_OF_THREE, _two_of_three_sides(y, limits)),
        (Rule.SHIFT, _shift_sides(y, limits.mean)),
    ]
    rules: list[Rule | None] = [None] * n
    sides = np.zeros(n, dtype=int)
    for rule, rule_sides in found:
        fresh = (sides == 0) & (rule_sides != 0)
        for i in np.flatnonzero(fresh):
            rules[i] = rule
        sides = np.where(fresh, rule_sides, sides)
    return pd.DataFrame({"regel": pd.Series(rules, dtype=object), "sida": sides})


def _runs(flags: np.ndarray, length: int) -> np.ndarray:
    """True on every point of a run of at least `length` consecutive True flags."""
    out = np.zeros(len(flags), dtype=bool)
    start = None
    for i, flag in enumerate([*flags.tolist(), False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start >= length:
                out[start:i] = True
            start = None
    return out


def _trend_sides(y: np.ndarray) -> np.ndarray:
    """+1 on points of 7 strictly rising, -1 on 7 strictly falling (an equal step breaks it)."""
    step = np.sign(np.diff(y))
    sides = np.zeros(len(y), dtype=int)
    for direction in (1, -1):
        # 7 points are 6 steps; a point belongs to the run if a step into or out of it does.
        steps = _runs(step == direction, RUN_LENGTH - 1)
        points = np.zeros(len(y), dtype=bool)
        points[1:] |= steps
        points[:-1] |= steps
        sides[points & (sides == 0)] = direction
    return sides


def _two_of_three_sides(y: np.ndarray, limits: Limits) -> np.ndarray:
    """The near-or-beyond points of any 3 consecutive points where 2 or 3 are near the same
    limit (the third may lie anywhere)."""
    sides = np.zeros(len(y), dtype=int)
    for direction, near in ((1, y > limits.upper_near), (-1, y < limits.lower_near)):
        for start in range(len(y) - 2):
            window = near[start : start + 3]
            if window.sum() >= 2:
                hit = np.flatnonzero(window) + start
                sides[hit] = direction
    return sides


def _shift_sides(y: np.ndarray, mean: float) -> np.ndarray:
    """+1 on runs of 7 or more above the mean, -1 below (a point on the mean breaks a run)."""
    sides = np.zeros(len(y), dtype=int)
    sides[_runs(y > mean, RUN_LENGTH)] = 1
    sides[_runs(y < mean, RUN_LENGTH)] = -1
    return sides


def point_variation(side: int, direction: Direction) -> Variation:
    """The kind of one point from its special-cause side and the improvement direction."""
    if side == 0:
        return Variation.COMMON
    if direction is Direction.NEUTRAL:
        return Variation.HIGH if side > 0 else Variation.LOW
    good = 1 if direction is Direction.INCREASE else -1
    return Variation.IMPROVEMENT if side == good else Variation.CONCERN


def assurance(limits: Limits, direction: Direction, target: float | None) -> Assurance | None:
    """Whether the process as it varies now will meet the target; None without a target or
    direction. A target on a limit counts as between the limits (hit and miss)."""
    if target is None or np.isnan(target) or direction is Direction.NEUTRAL:
        return None
    if limits.lower <= target <= limits.upper:
        return Assurance.HIT_AND_MISS
    above = target > limits.upper
    if direction is Direction.INCREASE:
        return Assurance.FAIL if above else Assurance.PASS
    return Assurance.PASS if above else Assurance.FAIL


@dataclass(frozen=True)
class SpcResult:
    """One indicator's signal: the points with their limits, and the two icons.

    `points` has the columns period, varde, segment, medel, undre, ovre, regel, sida, variation;
    earlier segments too short for limits have NaN limits and no rules.
    """

    points: pd.DataFrame
    limits: Limits  # of the latest segment
    variation: Variation
    assurance: Assurance | None
    direction: Direction

    @property
    def count(self) -> int:
        """The points of the latest segment: those the limits and icons rest on."""
        last = self.points["segment"].max()
        return int((self.points["segment"] == last).sum())


def analyse(
    series: pd.Series,
    target_type: str,
    target: float | None = None,
    restart: str | None = None,
) -> SpcResult | None:
    """The XmR signal of a series indexed by period codes (in order); None when the latest
    segment has fewer than 12 points with values ("för kort serie").

    `restart` (a period code, `spc_fran`) starts a new segment with its own limits from that
    period on, after a known change of method.
    """
    values = series.dropna().astype(float)
    values = values.sort_index()
    segment = np.zeros(len(values), dtype=int)
    if restart:
        segment = (values.index >= restart).astype(int)
    latest = values[segment == segment.max(initial=0)]
    if len(latest) < MIN_POINTS:
        return None
    direction = direction_for(target_type)
    frames = []
    limits = xmr_limits(latest.to_numpy())
    for number in sorted(set(segment.tolist())):
        part = values[segment == number]
        frame = pd.DataFrame(
            {"period": part.index.astype(str), "varde": part.to_numpy(), "segment": number}
        )
        if len(part) >= MIN_POINTS:
            own = xmr_limits(part.to_numpy())
            causes = special_causes(part.to_numpy(), own)
            frame = frame.assign(
                medel=own.mean, undre=own.lower, ovre=own.upper, **causes.to_dict("series")
            )
        else:
            frame = frame.assign(medel=np.nan, undre=np.nan, ovre=np.nan, regel=None, sida=0)
        frames.append(frame)
    points = pd.concat(frames, ignore_index=True)
    points["variation"] = [point_variation(int(s), direction) for s in points["sida"]]
    return SpcResult(
        points=points,
        limits=limits,
        variation=points["variation"].iloc[-1],
        assurance=assurance(limits, direction, target),
        direction=direction,
    )
