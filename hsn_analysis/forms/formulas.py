"""The formulas in a returned form: an answer must be a value typed in, not a formula.

A form is read as Excel last showed it (`data_only`), which hides whether a cell holds a
formula: one saved by a program that does not calculate has no value at all and would read as
an empty answer, and one with a value would pass as typed. So the formulas are looked up in a
second, formula-keeping read of the file.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from openpyxl import load_workbook


def formulas_in(path: Path, sheets: list[str]) -> dict[str, dict[str, str]]:
    """For each of `sheets` in the workbook at `path`: cell (e.g. "D4") → its formula."""
    found: dict[str, dict[str, str]] = {}
    with warnings.catch_warnings():  # openpyxl warns of Excel features it drops
        warnings.simplefilter("ignore")
        book = load_workbook(path, read_only=True, data_only=False)
    try:
        for title in sheets:
            if title not in book.sheetnames:
                continue
            cells = found.setdefault(title, {})
            for row in book[title].iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", None) == "f" and cell.value is not None:
                        cells[cell.coordinate] = _text(cell.value)
    finally:
        book.close()
    return found


def _text(value: object) -> str:
    """A formula as Excel shows it in the formula bar (array formulas keep their text)."""
    text = getattr(value, "text", value)  # openpyxl's ArrayFormula holds its text
    text = str(text)
    return text if text.startswith("=") else f"={text}"
