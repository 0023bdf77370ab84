"""Tertial periods: parsing every accepted spelling, ordering and Swedish labels."""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass
from datetime import date

# Period words are Swedish user text, kept here rather than in `words.labels` (which shows them
# too) because periods sit at the bottom of the package, below the words.
PERIOD_DESCRIPTION = {1: "per april", 2: "per augusti", 3: "helår"}
PERIOD_FORMATS = "2025-T2, T2 2025, Tertial 2 2025, 2025 T2 eller 2025 (helår)"


def period_hint(value: object) -> str:
    """The message for a period that cannot be read."""
    return f"'{value}' är ingen period. Skriv till exempel {PERIOD_FORMATS}."


_YEAR_FIRST = re.compile(r"^(\d{4})\s*[-/,]?\s*t\s*([1-3])$")
_TERTIAL_FIRST = re.compile(r"^t\s*([1-3])\s*[-/,]?\s*(\d{4})$")
_FULL_YEAR = re.compile(r"^(?:helår\s*)?(\d{4})(?:\s*helår)?$")
_FIRST_MONTH = {1: 1, 2: 5, 3: 9}
_LAST_DAY = {1: (4, 30), 2: (8, 31), 3: (12, 31)}


class PeriodError(ValueError):
    """A period text that cannot be read."""


@dataclass(frozen=True, order=True)
class Period:
    """One tertial: T1 = jan–apr, T2 = jan–aug, T3 = the full year."""

    year: int
    tertial: int

    def __post_init__(self) -> None:
        if isinstance(self.tertial, bool) or self.tertial not in (1, 2, 3):  # True == 1
            raise PeriodError(f"tertial måste vara 1, 2 eller 3, inte {self.tertial}")
        if not 1900 <= self.year <= 2999:
            raise PeriodError(f"orimligt år: {self.year}")

    @classmethod
    def parse(cls, value: object) -> Period:
        """Read `2025-T2`, `T2 2025`, `Tertial 2 2025`, `2025 T2` or a bare year (= T3)."""
        if isinstance(value, Period):
            return value
        if isinstance(value, bool):
            raise PeriodError(period_hint(value))
        if isinstance(value, numbers.Real):
            if math.isnan(value) or not float(value).is_integer():
                raise PeriodError(period_hint(value))
            return cls(int(float(value)), 3)  # an integral Real: float(value).is_integer()
        text = " ".join(str(value).replace("\u00a0", " ").split()).lower()
        text = text.replace("tertial", "t")
        if text.endswith(".0") and text[:-2].isdigit():
            text = text[:-2]
        if m := _YEAR_FIRST.match(text):
            return cls(int(m.group(1)), int(m.group(2)))
        if m := _TERTIAL_FIRST.match(text):
            return cls(int(m.group(2)), int(m.group(1)))
        if m := _FULL_YEAR.match(text):
            return cls(int(m.group(1)), 3)
        raise PeriodError(period_hint(value))

    @property
    def code(self) -> str:
        """The canonical code, `2025-T2`; sorts as the periods do."""
        return f"{self.year}-T{self.tertial}"

    @property
    def label(self) -> str:
        """`Tertial 2 2025`."""
        return f"Tertial {self.tertial} {self.year}"

    @property
    def short_label(self) -> str:
        """`T2 2025`, for narrow table columns."""
        return f"T{self.tertial} {self.year}"

    @property
    def description(self) -> str:
        """`per april`, `per augusti` or `helår`."""
        return PERIOD_DESCRIPTION[self.tertial]

    @property
    def previous(self) -> Period:
        """The tertial before: the previous of 2025-T1 is 2024-T3."""
        if self.tertial == 1:
            return Period(self.year - 1, 3)
        return Period(self.year, self.tertial - 1)

    @property
    def next(self) -> Period:
        """The tertial after: the next of 2024-T3 is 2025-T1."""
        if self.tertial == 3:
            return Period(self.year + 1, 1)
        return Period(self.year, self.tertial + 1)

    @property
    def same_period_last_year(self) -> Period:
        """2025-T2 → 2024-T2."""
        return Period(self.year - 1, self.tertial)

    @property
    def start(self) -> date:
        """First day of the tertial's own four months (T2 begins 1 May)."""
        return date(self.year, _FIRST_MONTH[self.tertial], 1)

    @property
    def end(self) -> date:
        """Last day the period covers: 30 April, 31 August or 31 December."""
        month, day = _LAST_DAY[self.tertial]
        return date(self.year, month, day)

    @classmethod
    def latest_ended(cls, today: date) -> Period:
        """The latest tertial that has ended by `today`: its last day is over.

        On 31 August T2 is still running, so the answer is T1; on 1 September it is T2.
        """
        for tertial in (3, 2, 1):
            candidate = cls(today.year, tertial)
            if candidate.end < today:
                return candidate
        return cls(today.year - 1, 3)

    def __str__(self) -> str:
        return self.code


# `2024-T1..2025-T3`: a range of tertials on the command line.
RANGE_MARK = ".."


def period_range(first: Period, last: Period) -> list[Period]:
    """Every tertial from `first` to `last`, both included: 2024-T3..2025-T2 is three."""
    if first > last:
        raise PeriodError(f"perioden {first.code} kommer efter {last.code}")
    periods = [first]
    while periods[-1] < last:
        periods.append(periods[-1].next)
    return periods


class PeriodNotReady(Exception):
    """`auto` found the tertial that has ended, but the data has no assessments for it yet."""

    def __init__(self, period: Period, assessed: list[str]) -> None:
        self.period = period
        known = ", ".join(assessed) or "inga"
        super().__init__(
            f"{period.label} ({period.code}) har tagit slut men data saknar bedömningar för den. "
            f"Perioder med bedömningar: {known}. Ingen rapport görs förrän delmålen är bedömda."
        )
