"""Which period a command or an analyst means: a code, `latest` or `auto`, checked on the data."""

from __future__ import annotations

from datetime import date

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import RANGE_MARK, Period, PeriodNotReady, period_range

__all__ = [
    "PeriodNotReady",
    "PeriodWithoutData",
    "choose_period",
    "latest_period",
    "resolve_period",
    "resolve_periods",
]


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
    return choose_period(period, dataset)


def choose_period(text: str | Period, dataset: Dataset) -> Period:
    """The period an analyst or the report notebook means: `latest`, or a period (any spelling
    `Period.parse` reads) that has data. Raises PeriodWithoutData (a ValueError) naming the
    periods that have data."""
    if text == "latest":
        return latest_period(dataset)
    period = text if isinstance(text, Period) else Period.parse(text)
    if period.code not in dataset.periods:
        raise PeriodWithoutData(period, dataset.periods)
    return period


class PeriodWithoutData(ValueError):
    """A period that has neither outcomes nor assessments in the data."""

    def __init__(self, period: Period, known: list[str]) -> None:
        self.period = period
        self.known = known
        listed = ", ".join(known) or "inga"
        super().__init__(f"data saknas för {period.code}. Perioder med data: {listed}.")


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
