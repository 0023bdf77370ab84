"""One basenhet's own figures for its report: its values beside its område and the region,
where it stands within its område, its own assessments, and what it has not reported.

Pure functions of a validated `Dataset`; a value the unit has not reported is NaN and is never
ranked or counted as nej or 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.rules.unit_history import organised_for
from hsn_analysis.rules.units import NOT_REPORTED, area_results, expected_units, unit_matrix
from hsn_analysis.vocabulary import Aggregation, TargetType

STANDING_COLUMNS = [
    "indikator_id",
    "namn",
    "enhet",
    "aggregering",
    "maltyp",
    "malvarde",
    "varde",  # the unit's own value (1/0 for andel_ja), NaN when not reported
    "omrade_varde",
    "region_varde",
    "plats",  # 1 = best in the område; NaN when not reported or not ranked
    "rapporterat",  # units of the område that reported
    "lika",  # units of the område with the same answer (andel_ja)
]
OWN_ASSESSMENT_COLUMNS = [
    "delmal_id",
    "namn",
    "status",  # gron, gul, rod or ej_rapporterat
    "kommentar",
    "forfattare",
    "datum",
    "namndens_status",
]


def unit_row(dataset: Dataset, unit_id: str) -> pd.Series:
    """The unit's row of `enheter`; KeyError naming it when it is not there."""
    units = dataset.units.set_index("enhet_id", drop=False)
    if unit_id not in units.index:
        raise KeyError(unit_id)
    return units.loc[unit_id]


def standing(
    dataset: Dataset, period: Period, unit_id: str, areas: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per aggregated indicator the unit reports in `period` (one whose units have values
    then): its value, its område's and the region's, its place within the område and how many
    reported there. For andel_ja the place is not a rank: `lika` counts the same answers.
    `areas` is `area_results(dataset, period)` when the caller has it (the tertial's result)."""
    dataset = organised_for(dataset, period)  # the unit's område then, and its peers'
    unit = unit_row(dataset, unit_id)
    if areas is None:
        areas = area_results(dataset, period)
    values = dataset.unit_outcomes.loc[dataset.unit_outcomes["period"] == period.code]
    rows = []
    for indicator in dataset.indicators.itertuples(index=False):
        own_rows = areas.loc[areas["indikator_id"] == indicator.indikator_id]
        if own_rows.empty:  # not aggregated, or no unit values in the period
            continue
        expected = expected_units(dataset, indicator.indikator_id)
        if unit_id not in set(expected["enhet_id"]):
            continue
        area_ids = expected.loc[expected["omrade"] == unit["omrade"], "enhet_id"]
        given = values.loc[values["indikator_id"] == indicator.indikator_id]
        given = given.set_index("enhet_id")["varde"].reindex(area_ids).dropna()
        own = given.get(unit_id, np.nan)
        area_value = own_rows.loc[own_rows["omrade"] == unit["omrade"], "varde"]
        place, same = np.nan, np.nan
        if not np.isnan(own):
            if indicator.aggregering == Aggregation.SHARE_YES:
                same = float((given == own).sum())
            elif indicator.maltyp in (TargetType.AT_LEAST, TargetType.INCREASE):
                place = float((given > own).sum() + 1)
            elif indicator.maltyp in (TargetType.AT_MOST, TargetType.DECREASE):
                place = float((given < own).sum() + 1)
        rows.append(
            {
                "indikator_id": indicator.indikator_id,
                "namn": indicator.namn,
                "enhet": indicator.enhet,
                "aggregering": indicator.aggregering,
                "maltyp": indicator.maltyp,
                "malvarde": indicator.malvarde,
                "varde": own,
                "omrade_varde": float(area_value.iloc[0]) if len(area_value) else np.nan,
                "region_varde": float(own_rows.iloc[-1]["varde"]),
                "plats": place,
                "rapporterat": len(given),
                "lika": same,
            }
        )
    return pd.DataFrame(rows, columns=STANDING_COLUMNS)


def own_assessments(
    dataset: Dataset, period: Period, unit_id: str, matrix: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The unit's own assessment of each delmål units assess in `period` (plan order), with
    the board's status beside it; `ej_rapporterat` where the unit has none. `matrix` is
    `unit_matrix(dataset, period)` when the caller has it (the tertial's result)."""
    if matrix is None:
        matrix = unit_matrix(dataset, period)
    at = dataset.unit_assessments
    at = at.loc[(at["period"] == period.code) & (at["enhet_id"] == unit_id)]
    at = at.set_index("delmal_id")
    board = dataset.assessments.loc[dataset.assessments["period"] == period.code]
    board = board.set_index("delmal_id")["status"]
    names = dataset.subgoals.set_index("delmal_id")["namn"]
    rows = []
    for subgoal in matrix.columns:
        found = subgoal in at.index
        rows.append(
            {
                "delmal_id": subgoal,
                "namn": names[subgoal],
                "status": at.at[subgoal, "status"] if found else NOT_REPORTED,
                "kommentar": at.at[subgoal, "kommentar"] if found else "",
                "forfattare": at.at[subgoal, "forfattare"] if found else "",
                "datum": at.at[subgoal, "datum"] if found else pd.NaT,
                "namndens_status": board.get(subgoal, "ej_bedomd"),
            }
        )
    return pd.DataFrame(rows, columns=OWN_ASSESSMENT_COLUMNS)


def not_reported(dataset: Dataset, period: Period, unit_id: str) -> list[tuple[str, str]]:
    """What the unit has not reported in `period`: ("indikator"|"delmal", id) in plan order."""
    own = own_assessments(dataset, period, unit_id)
    return gaps_of(own, standing(dataset, period, unit_id))


def gaps_of(own: pd.DataFrame, values: pd.DataFrame) -> list[tuple[str, str]]:
    """What a unit has not reported, from its `own_assessments` and its `standing`."""
    gaps = [
        ("indikator", row.indikator_id)
        for row in values.itertuples(index=False)
        if np.isnan(row.varde)
    ]
    gaps += [("delmal", d) for d in own.loc[own["status"] == NOT_REPORTED, "delmal_id"]]
    return gaps
