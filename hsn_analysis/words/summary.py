"""The period summary of PRODUCT.md §7: the count sentence, per-mål counts and indicator rows."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.rollup import StatusCounts, count_statuses, goal_rollup
from hsn_analysis.rules.subgoals import subgoal_results
from hsn_analysis.rules.units import NOT_REPORTED, area_results, assessment_counts
from hsn_analysis.words.formatting import format_number
from hsn_analysis.words.narrative import count_sentence
from hsn_analysis.words.signals_json import NO_SIGNALS, signal_fields

__all__ = ["build_summary", "counts_dict"]

_COUNT_KEYS = ["antal", "uppnas", "delvis", "uppnas_ej", "ej_bedomd"]


def _number(value: Any) -> float | None:
    """A JSON number, or None for a missing one."""
    if value is None or pd.isna(value):
        return None
    number = float(value)
    return None if math.isnan(number) else number


def counts_dict(counts: StatusCounts) -> dict[str, int]:
    """The delmål counts under the JSON keys of PRODUCT.md §7."""
    values = [counts.total, counts.green, counts.yellow, counts.red, counts.not_assessed]
    return dict(zip(_COUNT_KEYS, values, strict=True))


def build_summary(
    dataset: Dataset, period: Period, subgoals: pd.DataFrame | None = None
) -> dict[str, Any]:
    """The summary object of PRODUCT.md §7 for one period: a dict ready for `json.dumps`.

    `subgoals` is `subgoal_results(dataset, period)` when the caller has it already.
    """
    if subgoals is None:
        subgoals = subgoal_results(dataset, period)
    counts = count_statuses(subgoals["status"])
    goals = goal_rollup(dataset, subgoals)
    indicators = indicator_results(dataset, period)
    signals = signal_fields(dataset, period)  # on the report period's rows; earlier rows: null
    areas = _areas_by_indicator(dataset, period)
    summary = {
        "period": period.code,
        "sammanfattning": count_sentence(counts, period),
        "delmal": counts_dict(counts),
        "mal": [
            {
                "mal_id": row.mal_id,
                "namn": row.namn,
                **{key: int(getattr(row, key)) for key in _COUNT_KEYS},
                "status": str(row.status),
            }
            for row in goals.itertuples(index=False)
        ],
        "indikatorer": [
            {
                "indikator_id": row.indikator_id,
                "period": row.period,
                "varde": _number(row.varde),
                "malvarde": _number(row.malvarde),
                "uppfyllelse": _number(row.uppfyllelse),
                "uppfyllelse_text": format_number(row.uppfyllelse) or None,
                "status": str(row.status),
                "kommentar": row.kommentar or None,
                **(signals[row.indikator_id] if row.rapportperiod else NO_SIGNALS),
                **(
                    {"omraden": areas[row.indikator_id]}
                    if row.rapportperiod and row.indikator_id in areas
                    else {}
                ),
            }
            for row in indicators.itertuples(index=False)
        ],
        # The administration's summary and the mål comments of the period (issue 15).
        "forvaltningens_analys": [
            {"rubrik": row.rubrik, "text": row.text}
            for row in dataset.analyses.itertuples(index=False)
            if row.period == period.code
        ],
        "malkommentarer": [
            {"mal_id": row.mal_id, "kommentar": row.kommentar, "forfattare": row.forfattare}
            for row in dataset.goal_assessments.itertuples(index=False)
            if row.period == period.code
        ],
        # The written analysis of each assessed delmål that has one (issue 15).
        "analys": [
            {
                "delmal_id": row.delmal_id,
                "analys": row.analys,
                "atgarder": row.atgarder,
                "prognos": row.prognos or None,
            }
            for row in subgoals.itertuples(index=False)
            if row.analys or row.atgarder or row.prognos
        ],
    }
    if not dataset.units.empty:
        summary["enhetsbedomningar"] = _unit_assessment_counts(dataset, period)
    return summary


def _areas_by_indicator(dataset: Dataset, period: Period) -> dict[str, list[dict[str, Any]]]:
    """Per aggregated indicator with unit values in `period`: its figures per område."""
    found: dict[str, list[dict[str, Any]]] = {}
    for row in area_results(dataset, period).itertuples(index=False):
        if not row.omrade:  # the region's row is the indicator's own value
            continue
        entry: dict[str, Any] = {
            "omrade": row.omrade,
            "enheter": int(row.enheter),
            "rapporterat": int(row.rapporterat),
            "varde": _number(row.varde),
        }
        if not pd.isna(row.ja):
            entry["ja"] = int(row.ja)
        found.setdefault(row.indikator_id, []).append(entry)
    return found


def _unit_assessment_counts(dataset: Dataset, period: Period) -> list[dict[str, Any]]:
    """One entry per delmål that units assess in `period`: their statuses counted."""
    counts = assessment_counts(dataset, period)
    total = counts.loc[counts["omrade"] == ""]
    return [
        {
            "delmal_id": row["delmal_id"],
            "uppnas": int(row["gron"]),
            "delvis": int(row["gul"]),
            "uppnas_ej": int(row["rod"]),
            "ej_rapporterat": int(row[NOT_REPORTED]),
        }
        for _, row in total.iterrows()
    ]
