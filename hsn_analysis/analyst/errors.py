"""What goes wrong when an analyst loads data or asks for something that is not there."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from hsn_analysis.problems import InvalidDatasetError, Problem, errors, warnings
from hsn_analysis.words import analyst_text as text


class DataNotFoundError(FileNotFoundError):
    """The data path does not exist; the message names the absolute path that was tried."""


class UnknownIdError(ValueError):
    """A period, mål or indicator that is not in the data; the message names the valid ones."""

    def __init__(self, kind: str, value: object, valid: Iterable[str]) -> None:
        self.kind = kind
        self.value = value
        self.valid = tuple(valid)
        super().__init__(
            text.UNKNOWN.format(
                what=text.UNKNOWN_WHAT[kind], value=value, valid=", ".join(self.valid) or "inga"
            )
        )


def problem_table(problems: Sequence[Problem]) -> pd.DataFrame:
    """Problems as a table: type, file or sheet, Excel row, column, value and the message."""
    return pd.DataFrame(
        {
            text.SEVERITY: [str(p.severity) for p in problems],
            text.SOURCE: [p.source for p in problems],
            text.ROW: pd.array([p.row for p in problems], dtype="Int64"),
            text.COLUMN: [p.column or "" for p in problems],
            text.CELL_VALUE: ["" if p.value is None else str(p.value) for p in problems],
            text.PROBLEM: [p.message for p in problems],
        }
    )


class InvalidDataError(InvalidDatasetError):
    """Data with errors: the text lists every problem as `hsn-report validate` does, and
    `table` holds them as a DataFrame."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.path = path
        self.table = problem_table(problems)
        head = text.INVALID.format(
            path=path, errors=len(errors(problems)), warnings=len(warnings(problems))
        )
        self.args = ("\n".join([head, *(str(p) for p in problems)]),)

    def __str__(self) -> str:
        return str(self.args[0])
