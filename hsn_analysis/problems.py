"""Problems found in user data: one per finding, located as the user sees it in Excel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hsn_analysis.vocabulary import Severity


@dataclass(frozen=True)
class Problem:
    """One finding in the input data.

    `source` names the file (``indikatorer.csv``) or the sheet (``exempel.xlsx, blad
    indikatorer``); `row` is the row number as Excel shows it (the header is row 1).
    """

    severity: Severity
    source: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [self.source]
        if self.row is not None:
            where.append(f"rad {self.row}")
        if self.column is not None:
            where.append(f"kolumn {self.column}")
        if self.value is not None:
            where.append(f"värde '{self.value}'")
        return f"{self.severity.value.capitalize()}: {', '.join(where)}: {self.message}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop a run."""
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that are reported but do not stop a run."""
    return [p for p in problems if p.severity is Severity.WARNING]


class InvalidDatasetError(Exception):
    """Raised instead of returning a dataset that has errors."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        n = len(errors(problems))
        super().__init__(f"Indata har {n} fel; ingen rapport görs av ogiltiga data.")
