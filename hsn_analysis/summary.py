"""The period summary of PRODUCT.md §7: the count sentence, per-mål counts and indicator rows."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.formatting import format_number
from hsn_analysis.fulfilment import indicator_results
from hsn_analysis.narrative import count_sentence
from hsn_analysis.periods import RANGE_MARK, Period, PeriodNotReady, period_range
from hsn_analysis.rollup import StatusCounts, count_statuses, goal_rollup
from hsn_analysis.subgoals import subgoal_results

__all__ = [
    "PeriodNotReady",
    "build_summary",
    "counts_dict",
    "latest_period",
    "resolve_period",
    "resolve_periods",
]

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
    return {
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
            }
            for row in indicators.itertuples(index=False)
        ],
    }


def latest_period(dataset: Dataset) -> Period:
    """The latest period that has an outcome or an assessment."""
    if not dataset.periods:
        raise ValueError("Data saknar både utfall och bedömningar: det finns ingen period.")
    return Period.parse(dataset.periods[-1])


def resolve_period(text: str, dataset: Dataset, today: date) -> Period:
    """The period a command names: a code like `2025-T2`, `latest` or `auto`, checked against
    the data.

    `auto` is the latest tertial that has ended by `today`; it raises PeriodNotReady when the data
    has no assessments for that tertial. Raises ValueError with a Swedish message for a period
    that cannot be read, has not begun by `today`, or has neither outcomes nor assessments.
    """
    if text == "latest":
        return latest_period(dataset)
    if text == "auto":
        period = Period.latest_ended(today)
        assessed = sorted(set(dataset.assessments["period"]))
        if period.code not in assessed:
            raise PeriodNotReady(period, assessed)
        return period
    period = Period.parse(text)
    if period.start > today:
        raise ValueError(f"{period.label} har inte börjat än (den börjar {period.start}).")
    if period.code not in dataset.periods:
        known = ", ".join(dataset.periods) or "inga"
        raise ValueError(f"data saknas för {period.code}. Perioder med data: {known}.")
    return period


def resolve_periods(text: str, dataset: Dataset, today: date) -> list[Period]:
    """The periods a command names: one as `resolve_period` reads it, or a range of tertials
    `2024-T1..2025-T3` (both ends included), each of which must have data.

    Raises ValueError naming every period of the range that cannot be used.
    """
    if RANGE_MARK not in text:
        return [resolve_period(text, dataset, today)]
    first, _, last = text.partition(RANGE_MARK)
    periods = period_range(Period.parse(first.strip()), Period.parse(last.strip()))
    problems = []
    for period in periods:
        try:
            resolve_period(period.code, dataset, today)
        except ValueError as exc:
            problems.append(f"{period.code}: {exc}")
    if problems:
        raise ValueError("kan inte göra alla rapporter i intervallet: " + " ".join(problems))
    return periods
