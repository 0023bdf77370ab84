"""The period summary (`hsn-report summary --json`): the projection of a tertial's result into the
JSON that scripts rely on: the count sentence, per-mål counts, indicator rows and more."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from hsn_analysis.rules.result import TertialResult, UnitsResult
from hsn_analysis.rules.rollup import StatusCounts
from hsn_analysis.rules.units import NOT_REPORTED
from hsn_analysis.vocabulary import SubgoalStatus
from hsn_analysis.words import labels
from hsn_analysis.words.formatting import format_number
from hsn_analysis.words.json_keys import COUNT_KEY, TOTAL_KEY, UNIT_NOT_REPORTED_KEY
from hsn_analysis.words.narrative import count_sentence
from hsn_analysis.words.signals_json import NO_SIGNALS, signal_fields

__all__ = [
    "counts_dict",
    "record_indicators",
    "summary_json",
    "summary_text",
    "unit_counts_json",
]


def _number(value: Any) -> float | None:
    """A JSON number, or None for a missing one."""
    if value is None or pd.isna(value):
        return None
    number = float(value)
    return None if math.isnan(number) else number


def counts_dict(counts: StatusCounts) -> dict[str, int]:
    """The delmål counts under the JSON's keys: antal, uppnas, delvis, uppnas_ej, ej_bedomd."""
    return {TOTAL_KEY: counts.total} | {key: counts.of(s) for s, key in COUNT_KEY.items()}


def summary_json(result: TertialResult) -> dict[str, Any]:
    """The summary object of one period: a dict ready for `json.dumps`, a projection of the
    tertial's result (no figure is computed here, only written in the contract's words)."""
    period = result.period
    subgoals = result.subgoals
    counts = result.counts
    signals = signal_fields(result)  # on the report period's rows; earlier rows: null
    areas = _areas_by_indicator(result)
    summary = {
        "period": period.code,
        "sammanfattning": count_sentence(counts, period),
        "delmal": counts_dict(counts),
        "mal": [
            {
                "mal_id": row.mal_id,
                "namn": row.namn,
                TOTAL_KEY: int(row.antal),
                **{key: int(getattr(row, status)) for status, key in COUNT_KEY.items()},
                "status": str(row.status),
            }
            for row in result.goals.itertuples(index=False)
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
            for row in result.indicators.itertuples(index=False)
        ],
        # The administration's summary and the mål comments of the period.
        "forvaltningens_analys": [
            {"rubrik": row.rubrik, "text": row.text}
            for row in result.analyses.itertuples(index=False)
        ],
        "malkommentarer": [
            {"mal_id": row.mal_id, "kommentar": row.kommentar, "forfattare": row.forfattare}
            for row in result.goal_comments.itertuples(index=False)
        ],
        # The written analysis of each assessed delmål that has one.
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
    if result.units is not None:
        summary["enhetsbedomningar"] = _unit_assessment_counts(result.units)
    return summary


def record_indicators(result: TertialResult) -> list[dict[str, Any]]:
    """The period's row of each indicator as the run record gives it: the status code, and the
    status word, value and fulfilment as the report writes them (None where it shows none)."""
    return [
        {
            "indikator_id": row.indikator_id,
            "status": str(row.status),
            "status_text": labels.indicator_status_text(row.status, row.maltyp, short=True),
            "varde_text": format_number(row.varde) or None,
            "uppfyllelse_text": format_number(row.uppfyllelse) or None,
        }
        for row in result.current_indicators.itertuples(index=False)
    ]


def summary_text(result: TertialResult) -> str:
    """`summary_json` as `hsn-report summary --json` prints it (and `.to_json()` returns it)."""
    return json.dumps(summary_json(result), ensure_ascii=False, allow_nan=False, indent=2)


def _areas_by_indicator(result: TertialResult) -> dict[str, list[dict[str, Any]]]:
    """Per aggregated indicator with unit values in the period: its figures per område."""
    found: dict[str, list[dict[str, Any]]] = {}
    if result.units is None:
        return found
    for row in result.units.areas.itertuples(index=False):
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


def unit_counts_json(counts: dict[str, int]) -> dict[str, int]:
    """A unit's own statuses (`UnitResult.status_counts`) under the record's keys."""
    return _unit_counts(counts)


def _unit_counts(counts: Mapping[str, int]) -> dict[str, int]:
    """gron, gul, rod and ej_rapporterat counts under the JSON's keys."""
    colours = (SubgoalStatus.GREEN, SubgoalStatus.YELLOW, SubgoalStatus.RED)
    found = {COUNT_KEY[status]: int(counts[status]) for status in colours}
    return found | {UNIT_NOT_REPORTED_KEY: int(counts[NOT_REPORTED])}


def _unit_assessment_counts(units: UnitsResult) -> list[dict[str, Any]]:
    """One entry per delmål that units assess in the period: their statuses counted."""
    counts = units.counts
    total = counts.loc[counts["omrade"] == ""]
    return [
        {
            "delmal_id": row["delmal_id"],
            **_unit_counts(row),
        }
        for _, row in total.iterrows()
    ]
