"""Plans by year: every year's nämndplan kept in one dataset, and the plan a period is read under.

A board adopts a new plan each December: delmål are added and dropped, indicators get new
targets or are replaced by better ones, while the outcomes and assessments of earlier years stay
history. `PlanHistory` keeps every year's plan rows (with their year, `ar`) and every outcome as
given; `plan_view` makes the frames of one year's plan, which is what every calculation reads:

- the goals, delmål and indicators of that year's plan, in its order;
- the outcomes of those indicators, each row of an earlier year carrying the target of the plan
  of *its* year when the row has none of its own (so a target changed between years is a step in
  the history, as a target changed on an outcome row is);
- for an indicator that replaces another (`ersatter`), the replaced indicator's values before
  the first value of its own, under the new id: its series goes on, and the SPC limits start anew
  at the break (`spc_fran` is set there, unless a later restart is already given).

A period is read under the plan of its year; a year before the first plan is read under the
first plan (history from before the plans were kept by year), a year after the last under the
last.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

PLAN_YEAR = "ar"  # the plan-year column of the history's plan frames
REPLACES = "ersatter"  # the indicator column naming the indicator it replaces


@dataclass(frozen=True)
class PlanHistory:
    """Every year's plan and every outcome: the plan frames carry an int column `ar`."""

    goals: pd.DataFrame
    subgoals: pd.DataFrame
    indicators: pd.DataFrame
    outcomes: pd.DataFrame  # every outcome row as given, of every indicator of any year

    @property
    def years(self) -> tuple[int, ...]:
        """The plan years, in order."""
        found: set[int] = set()
        for frame in (self.goals, self.subgoals, self.indicators):
            found |= {int(y) for y in frame[PLAN_YEAR]}
        return tuple(sorted(found))

    def plan_year(self, year: int) -> int:
        """The year of the plan a period of `year` is read under."""
        return plan_year_of(self.years, year)


def plan_year_of(years: Iterable[int], year: int) -> int:
    """The latest plan year not after `year`; the first plan year for an earlier year."""
    ordered = sorted(years)
    if not ordered:
        raise ValueError("no plan years")
    earlier = [y for y in ordered if y <= year]
    return earlier[-1] if earlier else ordered[0]


@dataclass(frozen=True)
class PlanView:
    """The frames of one year's plan (no `ar` column) and its outcomes."""

    year: int
    goals: pd.DataFrame
    subgoals: pd.DataFrame
    indicators: pd.DataFrame
    outcomes: pd.DataFrame


def _of_year(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = frame.loc[frame[PLAN_YEAR].to_numpy() == year]
    return rows.drop(columns=PLAN_YEAR).reset_index(drop=True)


def _row_plan_years(history: PlanHistory, periods: pd.Series) -> np.ndarray:
    """The plan year of each outcome row's period (codes such as 2025-T2)."""
    codes, uniques = pd.factorize(periods)
    years = np.array([history.plan_year(int(str(code)[:4])) for code in uniques], dtype=np.int64)
    result: np.ndarray = np.append(years, -1)[codes]  # code -1 (no period) → no plan
    return result


def _with_plan_targets(history: PlanHistory, outcomes: pd.DataFrame) -> pd.DataFrame:
    """Outcomes whose empty target is filled with the target of the plan of the row's year
    (left empty when the indicator is not in that plan, or has no target there)."""
    plans = history.indicators
    targets = pd.Series(
        plans["malvarde"].to_numpy(dtype=float),
        index=pd.MultiIndex.from_arrays([plans["indikator_id"], plans[PLAN_YEAR].astype("int64")]),
    )
    targets = targets[~targets.index.duplicated()]
    keys = pd.MultiIndex.from_arrays(
        [outcomes["indikator_id"], _row_plan_years(history, outcomes["period"])]
    )
    planned = targets.reindex(keys).to_numpy(dtype=float)
    own = outcomes["malvarde"].to_numpy(dtype=float)
    filled = np.where(np.isnan(own), planned, own)
    return outcomes.assign(malvarde=filled)


def _replaced_values(
    indicators: pd.DataFrame, outcomes: pd.DataFrame, year: int
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The replaced indicators' earlier values under their successors' ids, and each
    successor's break: its first own period (the plan year's T1 when it has none yet)."""
    if REPLACES not in indicators.columns:
        return outcomes.iloc[0:0], {}
    pairs = indicators.loc[indicators[REPLACES] != "", ["indikator_id", REPLACES]]
    moved, breaks = [], {}
    for new_id, old_id in zip(pairs["indikator_id"], pairs[REPLACES], strict=True):
        own = outcomes.loc[outcomes["indikator_id"] == new_id, "period"]
        first = str(own.min()) if len(own) else f"{year}-T1"
        breaks[new_id] = first
        old = outcomes.loc[(outcomes["indikator_id"] == old_id) & (outcomes["period"] < first)]
        moved.append(old.assign(indikator_id=new_id))
    if not moved:
        return outcomes.iloc[0:0], breaks
    return pd.concat(moved, ignore_index=True), breaks


def plan_view(history: PlanHistory, year: int) -> PlanView:
    """The plan a period of `year` is read under, with the outcomes as that plan reads them."""
    chosen = history.plan_year(year)
    indicators = _of_year(history.indicators, chosen)
    outcomes = _with_plan_targets(history, history.outcomes)
    moved, breaks = _replaced_values(indicators, outcomes, chosen)
    ids = set(indicators["indikator_id"])
    own = outcomes.loc[outcomes["indikator_id"].isin(ids)]
    if len(moved):
        own = pd.concat([moved, own], ignore_index=True)
    if breaks:
        restart = indicators["indikator_id"].map(breaks).fillna("")
        later = restart.to_numpy(dtype=object) > indicators["spc_fran"].to_numpy(dtype=object)
        indicators = indicators.assign(
            spc_fran=np.where(later, restart, indicators["spc_fran"]).astype(str)
        )
        indicators["spc_fran"] = indicators["spc_fran"].astype("str")
    return PlanView(
        year=chosen,
        goals=_of_year(history.goals, chosen),
        subgoals=_of_year(history.subgoals, chosen),
        indicators=indicators,
        outcomes=own.reset_index(drop=True),
    )
