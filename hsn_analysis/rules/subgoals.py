"""Delmål status, change since the previous tertial, evidence check."""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.vocabulary import COLOUR_RANK, Change, IndicatorStatus, SubgoalStatus

SUBGOAL_RESULT_COLUMNS = [
    "delmal_id",
    "mal_id",
    "namn",
    "status",
    "kommentar",
    "forfattare",
    "datum",
    "foregaende_status",
    "forandring",
    "analys",
    "atgarder",
    "prognos",
]
DEVIATION_COLUMNS = [
    "delmal_id",
    "mal_id",
    "namn",
    "status",
    "avvikelse",
    "indikatorer",
    "indikatornamn",
]


class Deviation(StrEnum):
    """How a delmål's assessment and its indicators point opposite ways."""

    GREEN_SUBGOAL_RED_INDICATOR = "gron_delmal_rod_indikator"
    RED_SUBGOAL_GREEN_INDICATORS = "rod_delmal_grona_indikatorer"


def assessments_at(dataset: Dataset, period: Period) -> pd.DataFrame:
    """The assessment rows of `period`, at most one per delmål (raises ValueError otherwise)."""
    assessments = dataset.assessments
    at = assessments.loc[assessments["period"] == period.code]
    # Validation rejects two assessments for one delmål and period; never pick one silently.
    if at["delmal_id"].duplicated().any():
        raise ValueError(f"bedomningar: two assessments for one delmål in {period.code}")
    return at


def status_change(before: pd.Series, now: pd.Series) -> pd.api.extensions.ExtensionArray:
    """The Change from status `before` to status `now`, element by element (aligned by position).

    `ej_bedomd` when `now` is not a colour, `ny` when only `before` is not, else
    better/worse/unchanged by colour (red < yellow < green).
    """
    rank_now = now.map(COLOUR_RANK).to_numpy(dtype=float, na_value=np.nan)
    rank_before = before.map(COLOUR_RANK).to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        change = np.select(
            [
                np.isnan(rank_now),
                np.isnan(rank_before),
                rank_now > rank_before,
                rank_now < rank_before,
            ],
            [Change.NOT_ASSESSED.value, Change.NEW.value, Change.BETTER.value, Change.WORSE.value],
            default=Change.UNCHANGED.value,
        )
    return pd.array(change, dtype="str")


def subgoal_results(dataset: Dataset, period: Period) -> pd.DataFrame:
    """One row per delmål in plan order: its assessment for `period` and the change since
    `period.previous`.

    No assessment → status `ej_bedomd` (comment and author "", date NaT). The change is
    `ej_bedomd` when not assessed now, `ny` when assessed now but not in the previous tertial,
    else better/worse/unchanged by colour (red < yellow < green). The delmål are those of the
    plan of the period's year (`Dataset.plan_for`).
    """
    dataset = dataset.plan_for(period.year)
    now = assessments_at(dataset, period)[
        ["delmal_id", "status", "kommentar", "forfattare", "datum", "analys", "atgarder", "prognos"]
    ]
    before = assessments_at(dataset, period.previous)[["delmal_id", "status"]].rename(
        columns={"status": "foregaende_status"}
    )
    result = (
        dataset.subgoals[["delmal_id", "mal_id", "namn"]]
        .reset_index(drop=True)
        .merge(now, on="delmal_id", how="left", sort=False)
        .merge(before, on="delmal_id", how="left", sort=False)
    )
    not_assessed = SubgoalStatus.NOT_ASSESSED.value
    result["status"] = result["status"].fillna(not_assessed)
    result["foregaende_status"] = result["foregaende_status"].fillna(not_assessed)
    result["kommentar"] = result["kommentar"].fillna("")
    result["forfattare"] = result["forfattare"].fillna("")
    for column in ("analys", "atgarder", "prognos"):  # the written analysis, when given
        result[column] = result[column].fillna("")
    result["datum"] = pd.to_datetime(result["datum"])

    result["forandring"] = status_change(result["foregaende_status"], result["status"])
    return result[SUBGOAL_RESULT_COLUMNS]


def evidence_deviations(subgoals: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Delmål whose assessment and indicators point opposite ways (§5.3); information only.

    Listed: a green delmål with at least one red indicator (those indicators are named), and a
    red delmål whose coloured indicators (green/yellow/red) are all green, at least one (the green
    ones are named). A yellow delmål is never listed. `indicators` is `indicator_results(...)`;
    only its report-period rows are used.
    """
    needed = indicators[["delmal_id", "indikator_id", "namn", "status"]]
    if "rapportperiod" in indicators.columns:
        # Select the four columns first: the full history can hold millions of rows.
        indicators = needed.loc[indicators["rapportperiod"].to_numpy(dtype=bool)]
    status = indicators["status"]
    evidence = pd.DataFrame(
        {
            "delmal_id": indicators["delmal_id"].to_numpy(),
            "indikator_id": indicators["indikator_id"].to_numpy(),
            "indikatornamn": indicators["namn"].to_numpy(),
            "status": status.to_numpy(),
            "red": status.eq(IndicatorStatus.RED).to_numpy(dtype=bool, na_value=False),
            "green": status.eq(IndicatorStatus.GREEN).to_numpy(dtype=bool, na_value=False),
            "coloured": status.isin(COLOUR_RANK.keys()).to_numpy(dtype=bool, na_value=False),
        }
    )
    counts = evidence.groupby("delmal_id", sort=False)[["red", "green", "coloured"]].sum()
    flagged = (
        subgoals[["delmal_id", "mal_id", "namn", "status"]]
        .reset_index(drop=True)
        .merge(counts, left_on="delmal_id", right_index=True, how="left", sort=False)
    )
    red, green, coloured = (flagged[c].fillna(0).to_numpy() for c in ("red", "green", "coloured"))
    subgoal_status = flagged["status"]
    green_case = subgoal_status.eq(SubgoalStatus.GREEN).to_numpy(dtype=bool) & (red > 0)
    red_case = (
        subgoal_status.eq(SubgoalStatus.RED).to_numpy(dtype=bool)
        & (green > 0)
        & (green == coloured)
    )
    flagged["avvikelse"] = np.where(
        green_case,
        Deviation.GREEN_SUBGOAL_RED_INDICATOR.value,
        Deviation.RED_SUBGOAL_GREEN_INDICATORS.value,
    )
    # The indicator status that contradicts the delmål: red under green, green under red.
    flagged["contrary"] = np.where(
        green_case, IndicatorStatus.RED.value, IndicatorStatus.GREEN.value
    )
    flagged = flagged.loc[green_case | red_case, [*DEVIATION_COLUMNS[:5], "contrary"]]
    if flagged.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in DEVIATION_COLUMNS})

    contrary = evidence.merge(flagged[["delmal_id", "contrary"]], on="delmal_id", sort=False)
    contrary = contrary.loc[contrary["status"] == contrary["contrary"]]
    # Lists per delmål, indicators in plan order. Splitting sorted arrays is far faster than
    # groupby(...).agg(list), which runs Python per group.
    codes, delmal = pd.factorize(contrary["delmal_id"])
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    named = pd.DataFrame(
        {
            "delmal_id": delmal,
            "indikatorer": _split_lists(contrary["indikator_id"], order, bounds),
            "indikatornamn": _split_lists(contrary["indikatornamn"], order, bounds),
        }
    )
    result = flagged.merge(named, on="delmal_id", how="left", sort=False)
    return result[DEVIATION_COLUMNS].reset_index(drop=True)


def _split_lists(values: pd.Series, order: np.ndarray, bounds: np.ndarray) -> list[list[str]]:
    return [part.tolist() for part in np.split(values.to_numpy(dtype=object)[order], bounds)]
