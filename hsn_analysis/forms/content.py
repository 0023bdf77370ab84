"""What the forms of one tertial hold: the delmål to assess and the indicators due, per owner
or per basenhet.

`mall` writes these rows and `samla` recomputes them to know which answers it expects, so the
two always agree on what a form asked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.rules.unit_history import organised_for
from hsn_analysis.rules.units import expected_units
from hsn_analysis.vocabulary import Aggregation, Frequency, Measurement, SubgoalStatus
from hsn_analysis.words import forms as words
from hsn_analysis.words.labels import SUBGOAL_STATUS_LABEL


class Split(StrEnum):
    """`--per`: how the plan is handed out. Without `--per` one form holds the whole plan;
    `enhet` gives one form per basenhet, of `enhetsbedomningar` and `enhetsutfall` rows."""

    OWNER = "ansvarig"
    UNIT = "enhet"


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
class UnitIndicatorRow:
    """One aggregated indicator a unit reports, with the unit's own latest value; `yes_no`
    when it counts as andel ja (the value is then ja or nej, shown as such)."""

    indicator_id: str
    subgoal_id: str
    name: str
    unit: str
    target: float | None
    last_value: float | str | None
    last_period: str
    owner: str  # the unit as `UNIT_FORM_OWNER` names it
    yes_no: bool


@dataclass(frozen=True)
class FormContent:
    """One form: the owner (None for the whole plan; the unit on a unit's form) and its rows."""

    period: Period
    owner: str | None
    subgoals: tuple[SubgoalRow, ...]
    indicators: tuple[IndicatorRow | UnitIndicatorRow, ...]
    unit_id: str = ""  # the enhet_id of a unit's form


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
                shown_unit(ind),
                target if target is not None else _number(last_target.get(ind.indikator_id)),
                _number(last.at[ind.indikator_id, "varde"]) if has_last else None,
                Period.parse(last.at[ind.indikator_id, "period"]).short_label if has_last else "",
                owner or words.NO_OWNER,
            )
        )
    return rows


def shown_unit(indicator: object) -> str:
    """The unit as the form shows it, with "hittills i år" for a value measured over the year
    to date, so that whoever fills it in reports January to the tertial's end."""
    unit = str(getattr(indicator, "enhet", ""))
    if getattr(indicator, "matning", "") != Measurement.YEAR_TO_DATE.value:
        return unit
    return words.UNIT_YEAR_TO_DATE.format(unit=unit).strip(" ,")


def form_contents(dataset: Dataset, period: Period, split: Split | None) -> list[FormContent]:
    """The forms of `period`: one for the whole plan, one per owner in order of first row, or
    one per unit in the order of `enheter`; always of the plan of the period's year."""
    dataset = dataset.plan_for(period.year)
    if split is Split.UNIT:
        return unit_form_contents(dataset, period)
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


# --- forms per basenhet (`--per enhet`) ------------------------------------------------------
# The delmål a unit assesses are those any unit has assessed in `enhetsbedomningar` (the units
# feature reports a delmål per unit only when units assess it); a plan whose units have never
# assessed a delmål gives its units only indicators to answer. The indicators are the
# aggregated ones due whose område includes the unit, with the unit's own last value.


def unit_name(name: str, unit_id: str) -> str:
    """The unit as its form names it: `Hälsocentral Björkbacken (PV01)`."""
    return words.UNIT_FORM_OWNER.format(name=name, unit_id=unit_id)


def unit_form_contents(dataset: Dataset, period: Period) -> list[FormContent]:
    """One form per unit of `enheter` as organised in `period` (in its order), even one with
    nothing to answer."""
    dataset = organised_for(dataset, period)
    assessed = set(dataset.unit_assessments["delmal_id"])
    plan_subgoals = [r for r in subgoal_rows(dataset, period) if r.subgoal_id in assessed]
    due = _due_aggregated(dataset, period)
    units_of = {
        r.indicator_id: set(expected_units(dataset, r.indicator_id)["enhet_id"]) for r in due
    }
    last = _last_unit_values(dataset, period)
    before = dataset.unit_assessments
    before = before.loc[before["period"] == period.previous.code]
    previous = {(r.delmal_id, r.enhet_id): r for r in before.itertuples(index=False)}
    forms = []
    for unit in dataset.units.itertuples(index=False):
        owner = unit_name(unit.namn, unit.enhet_id)
        subgoals = []
        for row in plan_subgoals:
            was = previous.get((row.subgoal_id, unit.enhet_id))
            status = SUBGOAL_STATUS_LABEL[SubgoalStatus(was.status)] if was is not None else ""
            comment = str(was.kommentar) if was is not None else ""
            subgoals.append(SubgoalRow(row.subgoal_id, row.name, status, comment, owner))
        indicators = [
            _unit_indicator_row(row, last.get((unit.enhet_id, row.indicator_id)), owner)
            for row in due
            if unit.enhet_id in units_of[row.indicator_id]
        ]
        forms.append(FormContent(period, owner, tuple(subgoals), tuple(indicators), unit.enhet_id))
    return forms


def _due_aggregated(dataset: Dataset, period: Period) -> list[UnitIndicatorRow]:
    """The aggregated indicators due in `period`, in plan order (no unit's values yet)."""
    rows = []
    for ind in dataset.indicators.itertuples(index=False):
        if not ind.aggregering:
            continue
        if ind.frekvens == Frequency.FULL_YEAR.value and period.tertial != 3:
            continue
        target = None if ind.malvarde != ind.malvarde else float(ind.malvarde)  # NaN: no target
        rows.append(
            UnitIndicatorRow(
                ind.indikator_id,
                ind.delmal_id,
                ind.namn,
                shown_unit(ind),
                target,
                None,
                "",
                "",
                ind.aggregering == Aggregation.SHARE_YES.value,
            )
        )
    return rows


def _last_unit_values(dataset: Dataset, period: Period) -> dict[tuple[str, str], tuple[float, str]]:
    """(enhet_id, indikator_id) → the unit's latest value before `period` and its period code.

    One pass over `enhetsutfall` for all units: a form per unit of a region is dozens of forms.
    """
    values = dataset.unit_outcomes
    earlier = values.loc[values["period"] < period.code].sort_values("period", kind="stable")
    last = earlier.groupby(["enhet_id", "indikator_id"], sort=False).tail(1)
    return {
        (unit, indicator): (float(value), str(when))
        for unit, indicator, value, when in zip(
            last["enhet_id"], last["indikator_id"], last["varde"], last["period"], strict=True
        )
    }


def _unit_indicator_row(
    row: UnitIndicatorRow, last: tuple[float, str] | None, owner: str
) -> UnitIndicatorRow:
    """A due aggregated indicator on one unit's form, with the unit's latest value (if any)."""
    value: float | str | None = None
    when = ""
    if last is not None:
        number, code = last
        when = Period.parse(code).short_label
        if number == number:  # NaN: the unit did not report
            value = ("ja" if number else "nej") if row.yes_no else number
    return replace(
        row, last_value=value, last_period=when if value is not None else "", owner=owner
    )
