"""The special-cause rules of Making Data Count on one XmR segment: limits and each point's
rule and side.

The limits are the mean ± 2,66 × the mean moving range, with no screening of outlying moving
ranges (the MDC Excel tool's way). The rules, in MDC's precedence (the first that applies
labels a point): a point outside a limit; 7 points rising or falling; 2 of 3 points near or
beyond a limit, all three on that side of the mean; 7 points on one side of the mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

RUN_LENGTH = 7  # points in a trend or a shift
LIMIT_FACTOR = 2.66  # 3 / d2 for moving ranges of two points (d2 = 1,128)


class Rule(StrEnum):
    """The special-cause rules, in MDC's precedence (the first that applies labels a point)."""

    OUTSIDE = "utanfor_grans"  # a point outside a limit
    TREND = "trend"  # 7 points rising or falling
    TWO_OF_THREE = "tva_av_tre"  # 2 of 3 points near or beyond a limit on one side
    SHIFT = "niva"  # 7 points on one side of the mean


RULE_ORDER: tuple[Rule, ...] = tuple(Rule)


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
    rules, sides = rules_and_sides(values, limits)
    return pd.DataFrame({"regel": pd.Series(rules, dtype=object), "sida": sides})


def rules_and_sides(
    values: Sequence[float] | np.ndarray, limits: Limits
) -> tuple[list[Rule | None], np.ndarray]:
    """`special_causes` as a list of rules and an array of sides, without the frame (the
    analysis puts them in a frame of its own)."""
    y = np.asarray(values, dtype=float)
    n = len(y)
    found: list[tuple[Rule, np.ndarray]] = [
        (Rule.OUTSIDE, np.where(y > limits.upper, 1, np.where(y < limits.lower, -1, 0))),
        (Rule.TREND, trend_sides(y)),
        (Rule.TWO_OF_THREE, two_of_three_sides(y, limits)),
        (Rule.SHIFT, shift_sides(y, limits.mean)),
    ]
    rules: list[Rule | None] = [None] * n
    sides = np.zeros(n, dtype=int)
    for rule, rule_sides in found:
        fresh = (sides == 0) & (rule_sides != 0)
        for i in np.flatnonzero(fresh):
            rules[i] = rule
        sides = np.where(fresh, rule_sides, sides)
    return rules, sides


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


def trend_sides(y: np.ndarray) -> np.ndarray:
    """+1 on points of 7 strictly rising, -1 on 7 strictly falling (an equal step breaks it).

    A peak or valley that ends one trend and begins the next belongs to the trend it begins,
    as in NHSRplotthedots: the label depends on the steps alone, never on which direction is
    tried first, so turning a series upside down turns every label.
    """
    step = np.sign(np.diff(y)).astype(int)
    member = {}
    for direction in (1, -1):
        # 7 points are 6 steps; a point belongs to the run if a step into or out of it does.
        steps = _runs(step == direction, RUN_LENGTH - 1)
        points = np.zeros(len(y), dtype=bool)
        points[1:] |= steps
        points[:-1] |= steps
        member[direction] = points
    sides = np.where(member[1], 1, np.where(member[-1], -1, 0))
    both = np.flatnonzero(member[1] & member[-1])  # never the last point: it begins nothing
    sides[both] = step[both]
    return sides


def two_of_three_sides(y: np.ndarray, limits: Limits) -> np.ndarray:
    """The near-or-beyond points of any 3 consecutive points that all lie strictly on one side
    of the mean, 2 or 3 of them near or beyond that side's limit (as MDC's tool counts them
    since late 2023; a third point across the mean breaks the window)."""
    sides = np.zeros(len(y), dtype=int)
    for direction, near, side in (
        (1, y > limits.upper_near, y > limits.mean),
        (-1, y < limits.lower_near, y < limits.mean),
    ):
        for start in range(len(y) - 2):
            window = near[start : start + 3]
            if side[start : start + 3].all() and window.sum() >= 2:
                hit = np.flatnonzero(window) + start
                sides[hit] = direction
    return sides


def shift_sides(y: np.ndarray, mean: float) -> np.ndarray:
    """+1 on runs of 7 or more above the mean, -1 below (a point on the mean breaks a run)."""
    sides = np.zeros(len(y), dtype=int)
    sides[_runs(y > mean, RUN_LENGTH)] = 1
    sides[_runs(y < mean, RUN_LENGTH)] = -1
    return sides
