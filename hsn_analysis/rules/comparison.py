"""Comparing any two periods: delmål statuses and indicator values side by side.

`subgoal_results` compares a period with the tertial before it; analysts also ask how things moved
between periods further apart (T2 this year against T2 last year, say). The change of a delmål
follows the same rule as there (`subgoals.status_change`).
"""

from __future__ import annotations

import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.subgoals import assessments_at, status_change
from hsn_analysis.vocabulary import SubgoalStatus

PERIOD_COMPARISON_COLUMNS = [
    "delmal_id",
    "mal_id",
    "namn",
    "status_fore",
    "status_efter",
    "forandring",
]
VALUE_COMPARISON_COLUMNS = [
    "indikator_id",
    "delmal_id",
    "namn",
    "enhet",
    "varde_fore",
    "varde_efter",
    "forandring",
    "status_fore",
    "status_efter",
]


def _check_order(earlier: Period, later: Period) -> None:
    # Swapped arguments would silently turn every improvement into a deterioration.
    if earlier > later:
        raise ValueError(f"earlier ({earlier.code}) must not come after later ({later.code})")


def compare_periods(dataset: Dataset, earlier: Period, later: Period) -> pd.DataFrame:
    """One row per delmål in plan order: its status at `earlier` and at `later` and the change.

    A delmål without an assessment in a period has status `ej_bedomd` there. `forandring` is a
    Change value: `ej_bedomd` when not assessed at `later`, `ny` when assessed at `later` but
    not at `earlier`, else better/worse/unchanged by colour (red < yellow < green). The delmål
    are those of the plan of `later`'s year; a delmål new in it is `ej_bedomd` at `earlier`.
    """
    _check_order(earlier, later)
    dataset = dataset.plan_for(later.year)
    result = dataset.subgoals[["delmal_id", "mal_id", "namn"]].reset_index(drop=True)
    for period, column in ((earlier, "status_fore"), (later, "status_efter")):
        statuses = assessments_at(dataset, period)[["delmal_id", "status"]]
        result = result.merge(
            statuses.rename(columns={"status": column}), on="delmal_id", how="left", sort=False
        )
    not_assessed = SubgoalStatus.NOT_ASSESSED.value
    result["status_fore"] = result["status_fore"].fillna(not_assessed)
    result["status_efter"] = result["status_efter"].fillna(not_assessed)
    result["forandring"] = status_change(result["status_fore"], result["status_efter"])
    return result[PERIOD_COMPARISON_COLUMNS]


def _report_rows(dataset: Dataset, period: Period, suffix: str) -> pd.DataFrame:
    """Value and status of every indicator in `period`, the columns named with `suffix`."""
    results = indicator_results(dataset, period)
    rows = results.loc[results["rapportperiod"].to_numpy(dtype=bool)]
    return rows[["indikator_id", "varde", "status"]].rename(
        columns={"varde": f"varde_{suffix}", "status": f"status_{suffix}"}
    )


def compare_indicator_values(dataset: Dataset, earlier: Period, later: Period) -> pd.DataFrame:
    """One row per indicator in plan order: its value and status at `earlier` and at `later`.

    Values and statuses are those of `indicator_results` for each period (so a helår indicator
    in T1/T2 has no value and status `helar`). `forandring` is later − earlier, NaN when either
    value is missing; it is the raw difference in the indicator's unit, not a judgement. Each
    period is read under the plan of its year; the rows are the indicators of `later`'s plan
    (one not in `earlier`'s plan has no value there).
    """
    _check_order(earlier, later)
    dataset = dataset.plan_for(later.year)
    # indicator_results gives exactly one report-period row per indicator, so these merges
    # neither drop nor repeat an indicator.
    result = (
        dataset.indicators[["indikator_id", "delmal_id", "namn", "enhet"]]
        .reset_index(drop=True)
        .merge(_report_rows(dataset, earlier, "fore"), on="indikator_id", how="left", sort=False)
        .merge(_report_rows(dataset, later, "efter"), on="indikator_id", how="left", sort=False)
    )
    result["forandring"] = result["varde_efter"] - result["varde_fore"]
    return result[VALUE_COMPARISON_COLUMNS]
