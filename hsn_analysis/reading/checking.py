"""What the checks of one dataset share: its tables under canonical column names, the columns
parsed so far and the problems found, and the one way a problem in a column is recorded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from hsn_analysis.problems import Problem
from hsn_analysis.reading.cells import map_words, parse_number_column
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words.messages import MSG_NOT_NUMBER


@dataclass
class Table:
    """A raw table with canonical column names; every column keeps the Excel rows as index."""

    name: str
    source: str
    headers: dict[str, str]  # canonical name → the header as the user wrote it
    columns: dict[str, pd.Series]
    index: pd.Index
    _filled: dict[str, pd.Series] = field(default_factory=dict)

    def text(self, column: str) -> pd.Series:
        if column in self.columns:
            return self.columns[column]
        return pd.Series("", index=self.index, dtype=object)

    def filled(self, column: str) -> pd.Series:
        """True where the cell is not empty (kept: several checks ask, and tables are long)."""
        if column not in self._filled:  # numpy compares text columns faster than pandas
            filled = self.text(column).to_numpy(dtype=object) != ""
            self._filled[column] = pd.Series(filled, index=self.index, dtype=bool)
        return self._filled[column]


class Checks:
    """The state of one check of a dataset, and the recording of problems in its columns."""

    def __init__(self, today: date, problems: list[Problem]) -> None:
        self.today = today
        self.problems = problems
        self.tables: dict[str, Table] = {}
        self.parsed: dict[tuple[str, str], pd.Series] = {}
        self.future: set[str] = set()  # period codes that have not begun (already errors)
        self.from_units: set[tuple[str, str]] = set()  # (indicator, period) the units give
        self.settings_year: int | None = None  # the plan year of an empty `ar` cell

    def add(
        self,
        table: Table,
        column: str,
        mask: pd.Series,
        message: str | Callable[[str, int], str],
        severity: Severity = Severity.ERROR,
    ) -> None:
        """One problem per row where `mask` holds; `message` may depend on value and row."""
        if not mask.any():
            return
        values = table.text(column)[mask]
        header = table.headers.get(column, column)
        for row, value in zip(values.index, values, strict=True):
            text = message(value, row) if callable(message) else message
            self.problems.append(
                Problem(severity, table.source, text, int(row), header, value or None)
            )

    def numbers(self, table: Table, column: str) -> pd.Series:
        text = table.text(column)
        values = parse_number_column(text)
        self.add(table, column, values.isna() & table.filled(column), MSG_NOT_NUMBER)
        return values

    def words(self, table: Table, column: str, words: dict[str, str], message: str) -> pd.Series:
        text = table.text(column)
        codes = map_words(text, words)
        self.add(table, column, codes.isna() & table.filled(column), message)
        return codes
