"""What the forms of one tertial hold: the delmål to assess and the indicators due, per owner.

`mall` writes these rows and `samla` recomputes them to know which answers it expects, so the
two always agree on what a form asked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.vocabulary import Frequency, SubgoalStatus
from hsn_analysis.words import forms as words
from hsn_analysis.words.labels import SUBGOAL_STATUS_LABEL


class Split(StrEnum):
    """`--per`: how the plan is handed out. Without `--per` one form holds the whole plan.

    The seam for units (issue 13): a `UNIT = "enhet"` split would give one form per unit with
    sheets of `enhetsbedomningar` and `enhetsutfall` rows; `form_contents` dispatches on the
    split, and a `FormContent` would carry those sheets beside the two below.
    """

    OWNER = "ansvarig"


@dataclass(frozen=True)
class SubgoalRow:
    """One delmål to assess, with last tertial's assessment as reference."""

    subgoal_id: str
    name: str
    previous_status: str  # the Swedish word, "" when not assessed
    previous_comment: str
    owner: str


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator due in the period, with its target and latest value as reference."""

    indicator_id: str
    subgoal_id: str
    name: str
    unit: str
    target: float | None
    last_value: float | None
    last_period: str  # "T3 2025", "" when there is no earlier value
    owner: str


@dataclass(frozen=True)
class FormContent:
    """One form: the owner (None for the whole plan) and its rows."""

    period: Period
    owner: str | None
    subgoals: tuple[SubgoalRow, ...]
    indicators: tuple[IndicatorRow, ...]


def _number(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)  # type: ignore[arg-type]


def subgoal_rows(dataset: Dataset, period: Period) -> list[SubgoalRow]:
    """Every delmål of the plan, in the plan's order, with the previous tertial's assessment."""
    previous = dataset.assessments[dataset.assessments["period"] == period.previous.code]
    by_id = {row.delmal_id: row for row in previous.itertuples(index=False)}
    rows = []
    for subgoal in dataset.subgoals.itertuples(index=False):
        before = by_id.get(subgoal.delmal_id)
        status = SUBGOAL_STATUS_LABEL[SubgoalStatus(before.status)] if before else ""
        rows.append(
            SubgoalRow(
                subgoal.delmal_id,
                subgoal.namn,
                status,
                before.kommentar if before else "",
                subgoal.ansvarig.strip() or words.NO_OWNER,
            )
        )
    return rows


def indicator_rows(dataset: Dataset, period: Period) -> list[IndicatorRow]:
    """The indicators due in `period` (helår ones only at T3), with the latest earlier value;
    not those whose value is made from the basenheter's (`aggregering`).

    An indicator without `ansvarig` belongs to its delmål's owner. The target shown is the
    plan's, else the latest one given with an earlier value.
    """
    owners = dict(zip(dataset.subgoals["delmal_id"], dataset.subgoals["ansvarig"], strict=True))
    earlier = dataset.outcomes[dataset.outcomes["period"] < period.code].sort_values("period")
    last = earlier.groupby("indikator_id").tail(1).set_index("indikator_id")
    targets = earlier.dropna(subset=["malvarde"]).groupby("indikator_id").tail(1)
    last_target = dict(zip(targets["indikator_id"], targets["malvarde"], strict=True))
    rows = []
    for ind in dataset.indicators.itertuples(index=False):
        if ind.frekvens == Frequency.FULL_YEAR.value and period.tertial != 3:
            continue
        if ind.aggregering:  # made from the units' values: a board value would be a second source
            continue
        has_last = ind.indikator_id in last.index
        owner = ind.ansvarig.strip() or owners.get(ind.delmal_id, "").strip()
        target = _number(ind.malvarde)
        rows.append(
            IndicatorRow(
                ind.indikator_id,
                ind.delmal_id,
                ind.namn,
                ind.enhet,
                target if target is not None else _number(last_target.get(ind.indikator_id)),
                _number(last.at[ind.indikator_id, "varde"]) if has_last else None,
                Period.parse(last.at[ind.indikator_id, "period"]).short_label if has_last else "",
                owner or words.NO_OWNER,
            )
        )
    return rows


def form_contents(dataset: Dataset, period: Period, split: Split | None) -> list[FormContent]:
    """The forms of `period`: one for the whole plan, or one per owner in order of first row."""
    subgoals, indicators = subgoal_rows(dataset, period), indicator_rows(dataset, period)
    if split is None:
        return [FormContent(period, None, tuple(subgoals), tuple(indicators))]
    owners = list(dict.fromkeys([r.owner for r in subgoals] + [r.owner for r in indicators]))
    return [
        FormContent(
            period,
            owner,
            tuple(r for r in subgoals if r.owner == owner),
            tuple(r for r in indicators if r.owner == owner),
        )
        for owner in owners
    ]


def without_owner(contents: list[FormContent]) -> int:
    """How many rows fell to no owner (they share one form named after `NO_OWNER`)."""
    return sum(len(c.subgoals) + len(c.indicators) for c in contents if c.owner == words.NO_OWNER)
