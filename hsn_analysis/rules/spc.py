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

from hsn_analysis.rules.spc_rules import (  # noqa: F401  (re-exported: one door to SPC)
    LIMIT_FACTOR,
    RUN_LENGTH,
    Limits,
    Rule,
    rules_and_sides,
    special_causes,
    xmr_limits,
)
from hsn_analysis.vocabulary import TargetType

MIN_POINTS = 12  # MDC: fewer points give limits too unsteady to judge by


class Direction(StrEnum):
    """Which way is better for an indicator: from its `maltyp`."""

    INCREASE = "increase"
    DECREASE = "decrease"
    NEUTRAL = "neutral"


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
    # The limits say nothing about the target: the latest point is itself a special cause (the
    # process has changed), or the target is set on another measure than the one charted.
    NOT_ASSESSABLE = "ej_bedombar"


class Unassessable(StrEnum):
    """Why an assurance is not assessable, besides the rule that labels the latest point."""

    YEAR_TO_DATE_TARGET = "mal_for_hittills_i_ar"  # target on the year to date, chart per tertial


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
    direction. A target on a limit counts as between the limits (hit and miss).

    This is MDC's (and NHSRplotthedots') comparison of the target with the limits alone;
    `analyse` gives it only where the limits can be read (see `readable_assurance`)."""
    if target is None or np.isnan(target) or direction is Direction.NEUTRAL:
        return None
    if limits.lower <= target <= limits.upper:
        return Assurance.HIT_AND_MISS
    above = target > limits.upper
    if direction is Direction.INCREASE:
        return Assurance.FAIL if above else Assurance.PASS
    return Assurance.PASS if above else Assurance.FAIL


AssuranceReason = Rule | Unassessable


def readable_assurance(
    verdict: Assurance | None, latest_rule: Rule | None, target_comparable: bool = True
) -> tuple[Assurance | None, AssuranceReason | None]:
    """The assurance as the report may state it, and why it is not assessable.

    MDC's assurance is a forecast that assumes a stable process. While the latest point is
    itself a special cause the process has changed and the limits, computed across the change,
    say nothing about the target: "not assessable", with the rule as the reason. Nothing is
    restarted automatically (MDC: don't redraw the chart every time a rule fires). A target set
    on the year to date while the chart shows the tertials' own amounts is not comparable with
    the limits either.
    """
    if verdict is None:
        return None, None
    if latest_rule is not None:
        return Assurance.NOT_ASSESSABLE, latest_rule
    if not target_comparable:
        return Assurance.NOT_ASSESSABLE, Unassessable.YEAR_TO_DATE_TARGET
    return verdict, None


def change_start(sides: Sequence[int]) -> int | None:
    """Where the special cause the latest point belongs to began: the first of the points,
    back from the latest, flagged on the same side (a single unflagged point between two
    flagged ones, as in a two-of-three window, does not end it); None when the latest point is
    common cause."""
    flags = [int(s) for s in sides]
    if not flags or flags[-1] == 0:
        return None
    side = flags[-1]
    start = i = len(flags) - 1
    while i > 0:
        if flags[i - 1] == side:
            start = i = i - 1
        elif i > 1 and flags[i - 1] == 0 and flags[i - 2] == side:
            start = i = i - 2
        else:
            break
    return start


@dataclass(frozen=True)
class Bounds:
    """The values a measure can take: counts and shares never below 0, shares never above 100
    (None: unbounded on that side). Limits are drawn and listed within them."""

    lower: float | None = None
    upper: float | None = None

    def clip(self, value: float) -> float:
        """The value moved inside the bounds (NaN stays NaN)."""
        if self.lower is not None and value < self.lower:
            return self.lower
        if self.upper is not None and value > self.upper:
            return self.upper
        return value


@dataclass(frozen=True)
class Limit:
    """One process limit: as computed (mean ± 2,66 × MR̄) and as shown within the bounds."""

    computed: float
    shown: float

    @property
    def bounded(self) -> bool:
        return self.shown != self.computed


@dataclass(frozen=True)
class SpcResult:
    """One indicator's signal: the points with their limits, and the two icons.

    `points` has the columns period, varde, segment, medel, undre, ovre (the limits as shown,
    within the measure's bounds), regel, sida, variation; earlier segments too short for
    limits have NaN limits and no rules.
    """

    points: pd.DataFrame
    limits: Limits  # of the latest segment, as computed
    variation: Variation
    assurance: Assurance | None
    direction: Direction
    assurance_reason: AssuranceReason | None = None  # why NOT_ASSESSABLE
    suggested_start: str | None = None  # where the latest special cause began (a period)
    bounds: Bounds = Bounds()

    @property
    def count(self) -> int:
        """The points of the latest segment: those the limits and icons rest on."""
        last = self.points["segment"].max()
        return int((self.points["segment"] == last).sum())

    @property
    def lower(self) -> Limit:
        """The latest segment's lower process limit, computed and shown."""
        return Limit(self.limits.lower, self.bounds.clip(self.limits.lower))

    @property
    def upper(self) -> Limit:
        return Limit(self.limits.upper, self.bounds.clip(self.limits.upper))


def analyse(
    series: pd.Series,
    target_type: str,
    target: float | None = None,
    restart: str | None = None,
    bounds: Bounds = Bounds(),
    target_comparable: bool = True,
) -> SpcResult | None:
    """The XmR signal of a series indexed by period codes (in order); None when the latest
    segment has fewer than 12 points with values ("för kort serie").

    `restart` (a period code, `spc_fran`) starts a new segment with its own limits from that
    period on, after a known change of method. `bounds` keeps drawn and listed limits within
    what the measure can take; the rules use the limits as computed. `target_comparable` is
    False when the target is set on another measure than the series (a year-to-date target
    beside the tertials' own amounts): the assurance is then not assessable.
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
        columns: dict[str, object] = {
            "period": part.index.astype(str),
            "varde": part.to_numpy(),
            "segment": number,
        }
        # Every column at once: a frame built and then assigned to costs twice (every report
        # run analyses every indicator).
        if len(part) >= MIN_POINTS:
            own = xmr_limits(part.to_numpy())
            rules, sides = rules_and_sides(part.to_numpy(), own)
            columns |= {
                "medel": own.mean,
                "undre": bounds.clip(own.lower),
                "ovre": bounds.clip(own.upper),
                "regel": pd.Series(rules, dtype=object),
                "sida": sides,
            }
        else:
            columns |= {"medel": np.nan, "undre": np.nan, "ovre": np.nan, "regel": None, "sida": 0}
        frames.append(pd.DataFrame(columns))
    points = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    sides = points["sida"].to_numpy()
    points["variation"] = [point_variation(int(s), direction) for s in sides]
    last_rule = points["regel"].iloc[-1]
    shown, reason = readable_assurance(
        assurance(limits, direction, target),
        None if last_rule is None or pd.isna(last_rule) else Rule(last_rule),
        target_comparable,
    )
    segments = points["segment"].to_numpy()
    newest = segments == segments.max()
    start = change_start(sides[newest].tolist())
    return SpcResult(
        points=points,
        limits=limits,
        variation=points["variation"].iloc[-1],
        assurance=shown,
        direction=direction,
        assurance_reason=reason,
        suggested_start=None if start is None else str(points["period"].to_numpy()[newest][start]),
        bounds=bounds,
    )
