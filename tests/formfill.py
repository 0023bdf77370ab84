"""Filling in forms as a person would: by the row of an id and the header of a column."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from hsn_analysis.forms.layout import FIRST_ROW, HEADER_ROW
from hsn_analysis.words import forms as words

DELMAL = words.SHEET_SUBGOALS
INDIKATORER = words.SHEET_INDICATORS


def rows_of(path: Path, sheet: str) -> dict[str, int]:
    """Each id of a form sheet → its row as Excel numbers it."""
    book = load_workbook(path)
    table = book[sheet]
    return {
        table.cell(r, 1).value: r
        for r in range(FIRST_ROW, table.max_row + 1)
        if table.cell(r, 1).value is not None
    }


def fill(path: Path, sheet: str, answers: dict[str, dict[str, object]]) -> None:
    """Type `answers` (id → header → value) into the form and save it."""
    book = load_workbook(path)
    table = book[sheet]
    headers = {table.cell(HEADER_ROW, c).value: c for c in range(1, table.max_column + 1)}
    rows = {
        table.cell(r, 1).value: r
        for r in range(FIRST_ROW, table.max_row + 1)
        if table.cell(r, 1).value is not None
    }
    for row_id, cells in answers.items():
        for header, value in cells.items():
            table.cell(rows[row_id], headers[header]).value = value
    book.save(path)


def add_row(path: Path, sheet: str, cells: dict[str, object]) -> int:
    """Add a row below the last one (as a person would after lifting the protection)."""
    book = load_workbook(path)
    table = book[sheet]
    headers = {table.cell(HEADER_ROW, c).value: c for c in range(1, table.max_column + 1)}
    row = table.max_row + 1
    for header, value in cells.items():
        table.cell(row, headers[header]).value = value
    book.save(path)
    return row


def form_of(folder: Path, owner: str) -> Path:
    """The form of `owner` in a folder of forms, found by its file name."""
    (path,) = [p for p in folder.iterdir() if p.name.endswith(f" - {owner}.xlsx")]
    return path
