"""Basenheter: the board values made from the units' values, and the units' figures per område.

Pure functions of a validated `Dataset`: no text, no files. A unit that has not reported (no
row, or a row without a value) is counted as not reported, never as nej or 0; every figure
here says how many units were expected and how many reported.
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum

import numpy as np
import pandas as pd

from hsn_analysis.dataset import OUTCOME_COLUMNS, Dataset
from hsn_analysis.periods import Period
from hsn_analysis.rules.unit_history import organised_for
from hsn_analysis.vocabulary import Aggregation, SubgoalStatus

NOT_REPORTED = "ej_rapporterat"
AREA_COLUMNS = ["indikator_id", "omrade", "enheter", "rapporterat", "varde", "ja"]
ASSESSMENT_COUNT_COLUMNS = ["delmal_id", "omrade", "enheter", "gron", "gul", "rod", NOT_REPORTED]
UNIT_DEVIATION_COLUMNS = ["delmal_id", "status", "avvikelse", "rapporterat", "emot"]


class UnitDeviation(StrEnum):
    """How the board's assessment of a delmål and most of its units' own point opposite ways."""

    GREEN_BOARD_RED_UNITS = "gron_delmal_roda_enheter"
    RED_BOARD_GREEN_UNITS = "rod_delmal_grona_enheter"


def aggregate(values: pd.Series, how: str) -> float:
    """The board value of the reported `values` (NaN ones are not reported) by `aggregering`.

    `andel_ja`: 100 × ja / reported (values are 1/0); `summa`, `medel`, `median` as named.
    NaN when no unit reported. Unrounded: the report rounds as it shows.
    """
    reported = values.dropna()
    if reported.empty:
        return float("nan")
    if how == Aggregation.SHARE_YES:
        return float(100.0 * reported.sum() / len(reported))
    if how == Aggregation.SUM:
        return float(reported.sum())
    if how == Aggregation.MEAN:
        return float(reported.mean())
    if how == Aggregation.MEDIAN:
        return float(reported.median())
    raise ValueError(f"okänd aggregering: {how!r}")


def _aggregation_of(dataset: Dataset) -> dict[str, str]:
    indicators = dataset.indicators
    if "aggregering" not in indicators.columns:
        return {}
    return {
        i: a
        for i, a in zip(indicators["indikator_id"], indicators["aggregering"], strict=True)
        if a
    }


def board_values(dataset: Dataset) -> pd.DataFrame:
    """One `utfall` row per aggregated indicator and period that has unit rows: the value made
    from the units (target and comment empty: the indicator's own target applies)."""
    how = _aggregation_of(dataset)
    rows = dataset.unit_outcomes
    rows = rows.loc[rows["indikator_id"].isin(how)]
    made = [
        {
            "indikator_id": indicator,
            "period": period,
            "varde": aggregate(group["varde"], how[indicator]),
            "malvarde": np.nan,
            "kommentar": "",
            "taljare": np.nan,
            "namnare": np.nan,
        }
        for (indicator, period), group in rows.groupby(["indikator_id", "period"], sort=True)
    ]
    frame = pd.DataFrame(made, columns=OUTCOME_COLUMNS)
    for column in ("indikator_id", "period", "kommentar"):
        frame[column] = frame[column].astype("str")
    for column in ("varde", "malvarde", "taljare", "namnare"):
        frame[column] = frame[column].astype(float)
    return frame


def with_board_values(dataset: Dataset) -> Dataset:
    """The dataset whose `outcomes` also hold the board values made from the units, so that
    every later step (statuses, history, summary) treats them as the board's own."""
    if dataset.unit_outcomes.empty:
        return dataset
    made = board_values(dataset)
    outcomes = pd.concat([dataset.outcomes, made], ignore_index=True)
    return replace(dataset, outcomes=outcomes)


def expected_units(dataset: Dataset, indicator_id: str) -> pd.DataFrame:
    """The units that report an aggregated indicator: those of its område, else every unit."""
    units = dataset.units
    indicators = dataset.indicators
    area = dict(zip(indicators["indikator_id"], indicators["omrade"], strict=True)).get(
        indicator_id, ""
    )
    if area:
        units = units.loc[units["omrade"].str.casefold() == str(area).casefold()]
    return units


def area_results(dataset: Dataset, period: Period) -> pd.DataFrame:
    """Per aggregated indicator with unit rows in `period` and per område (in the order the
    units come): units expected, units that reported, the område's value and (andel_ja) how
    many said ja. Then a row with område "" for the whole region."""
    dataset = organised_for(dataset, period)  # the units as organised then
    how = _aggregation_of(dataset)
    at = dataset.unit_outcomes.loc[dataset.unit_outcomes["period"] == period.code]
    rows: list[dict[str, object]] = []
    for indicator in dataset.indicators["indikator_id"]:
        if indicator not in how or not at["indikator_id"].eq(indicator).any():
            continue
        units = expected_units(dataset, indicator)
        values = at.loc[at["indikator_id"] == indicator].set_index("enhet_id")["varde"]
        per_unit = values.reindex(units["enhet_id"])
        areas = list(dict.fromkeys(units["omrade"]))
        for area, mask in [(a, (units["omrade"] == a).to_numpy()) for a in areas] + [
            ("", np.ones(len(units), dtype=bool))
        ]:
            chosen = per_unit[mask]
            reported = chosen.dropna()
            rows.append(
                {
                    "indikator_id": indicator,
                    "omrade": area,
                    "enheter": int(mask.sum()),
                    "rapporterat": len(reported),
                    "varde": aggregate(chosen, how[indicator]),
                    "ja": (
                        float(reported.sum()) if how[indicator] == Aggregation.SHARE_YES else np.nan
                    ),
                }
            )
    return pd.DataFrame(rows, columns=AREA_COLUMNS)


def missing_values(dataset: Dataset, period: Period) -> pd.DataFrame:
    """The expected units without a value for an aggregated indicator that other units report
    in `period`: columns indikator_id, enhet_id, namn, omrade."""
    dataset = organised_for(dataset, period)  # the units as organised then
    how = _aggregation_of(dataset)
    at = dataset.unit_outcomes.loc[dataset.unit_outcomes["period"] == period.code]
    parts = []
    for indicator in dataset.indicators["indikator_id"]:
        if indicator not in how:
            continue
        rows = at.loc[at["indikator_id"] == indicator]
        if rows.empty:
            continue
        units = expected_units(dataset, indicator)
        reported = set(rows.loc[rows["varde"].notna(), "enhet_id"])
        missing = units.loc[~units["enhet_id"].isin(reported), ["enhet_id", "namn", "omrade"]]
        parts.append(missing.assign(indikator_id=indicator))
    columns = ["indikator_id", "enhet_id", "namn", "omrade"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in columns})
    return pd.concat(parts, ignore_index=True)[columns]


def assessed_subgoals(dataset: Dataset, period: Period) -> list[str]:
    """The delmål that units assess in `period`, in plan order."""
    at = dataset.unit_assessments.loc[dataset.unit_assessments["period"] == period.code]
    named = set(at["delmal_id"])
    return [d for d in dataset.subgoals["delmal_id"] if d in named]


def unit_matrix(dataset: Dataset, period: Period) -> pd.DataFrame:
    """Units × delmål: each unit's own status of each delmål units assess in `period`, or
    `ej_rapporterat`. Rows are the units in input order (index enhet_id)."""
    dataset = organised_for(dataset, period)  # the units as organised then
    subgoals = assessed_subgoals(dataset, period)
    at = dataset.unit_assessments.loc[dataset.unit_assessments["period"] == period.code]
    wide = at.pivot(index="enhet_id", columns="delmal_id", values="status")
    wide = wide.reindex(index=dataset.units["enhet_id"], columns=subgoals)
    return wide.fillna(NOT_REPORTED).astype("str")


def assessment_counts(dataset: Dataset, period: Period) -> pd.DataFrame:
    """Per delmål units assess in `period` and per område (then "" for all): units, and how
    many said gron, gul, rod, and how many did not report."""
    dataset = organised_for(dataset, period)  # the units as organised then
    matrix = unit_matrix(dataset, period)
    areas = dataset.units.set_index("enhet_id")["omrade"].reindex(matrix.index)
    # Counted on arrays: a Series' selection and value_counts per delmål and område cost more
    # than all the rest of a unit result.
    of_area = areas.to_numpy(dtype=object)
    rows: list[dict[str, object]] = []
    for subgoal in matrix.columns:
        column = matrix[subgoal].to_numpy(dtype=object)
        for area in [*dict.fromkeys(areas), ""]:
            statuses = column[of_area == area] if area else column
            rows.append(
                {
                    "delmal_id": subgoal,
                    "omrade": area,
                    "enheter": len(statuses),
                    **{
                        key: int((statuses == key).sum())
                        for key in ("gron", "gul", "rod", NOT_REPORTED)
                    },
                }
            )
    frame = pd.DataFrame(rows, columns=ASSESSMENT_COUNT_COLUMNS)
    return frame


def unit_deviations(subgoals: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Delmål whose board assessment and most of the reporting units' own point opposite ways:
    green on the board while more than half of the reporting units say red, and red while more
    than half say green. `subgoals` is `subgoal_results`, `counts` `assessment_counts`."""
    total = counts.loc[counts["omrade"] == ""].set_index("delmal_id")
    rows = []
    for row in subgoals.itertuples(index=False):
        if row.delmal_id not in total.index:
            continue
        c = total.loc[row.delmal_id]
        reported = int(c["gron"] + c["gul"] + c["rod"])
        if row.status == SubgoalStatus.GREEN and 2 * c["rod"] > reported:
            kind, against = UnitDeviation.GREEN_BOARD_RED_UNITS, int(c["rod"])
        elif row.status == SubgoalStatus.RED and 2 * c["gron"] > reported:
            kind, against = UnitDeviation.RED_BOARD_GREEN_UNITS, int(c["gron"])
        else:
            continue
        rows.append((row.delmal_id, str(row.status), kind.value, reported, against))
    frame = pd.DataFrame(rows, columns=UNIT_DEVIATION_COLUMNS)
    for column in ("delmal_id", "status", "avvikelse"):
        frame[column] = frame[column].astype("str")
    return frame
