"""Filling in forms as a person would: by the row of an id and the header of a column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from hsn_analysis.forms.layout import FIRST_ROW, HEADER_ROW, INFO_SHEET
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


def fill_sheets(path: Path, answers: dict[str, dict[str, dict[str, object]]]) -> None:
    """Type `answers` (sheet → id → header → value) into several sheets of the form and save
    it once, as `fill` does for one sheet."""
    book = load_workbook(path)
    for sheet, rows in answers.items():
        _type_into(book[sheet], rows)
    book.save(path)


def answer_every_row(
    path: Path,
    answers: dict[str, Callable[[dict[str, object], dict[str, str]], dict[str, object]]],
) -> None:
    """Answer every row of each sheet of `answers` with what `answers[sheet](row, form)` gives
    (header → value): `row` is the row as the form shows it (header → value), `form` the form's
    own facts from its hidden sheet (ansvarig, enhet, period, …). Loaded and saved once."""
    book = load_workbook(path)
    form = {
        str(k): "" if v is None else str(v) for k, v in book[INFO_SHEET].iter_rows(values_only=True)
    }
    for sheet, answer in answers.items():
        table = book[sheet]
        headers = [table.cell(HEADER_ROW, c).value for c in range(1, table.max_column + 1)]
        rows = {}
        for r in range(FIRST_ROW, table.max_row + 1):
            if table.cell(r, 1).value is not None:
                shown = {h: table.cell(r, c).value for c, h in enumerate(headers, start=1)}
                rows[table.cell(r, 1).value] = answer(shown, form)
        _type_into(table, rows)
    book.save(path)


def _type_into(table, answers: dict[str, dict[str, object]]) -> None:
    """`answers` (id → header → value) typed into the rows of their ids, as `fill` types them."""
    headers = {table.cell(HEADER_ROW, c).value: c for c in range(1, table.max_column + 1)}
    rows = {
        table.cell(r, 1).value: r
        for r in range(FIRST_ROW, table.max_row + 1)
        if table.cell(r, 1).value is not None
    }
    for row_id, cells in answers.items():
        for header, value in cells.items():
            table.cell(rows[row_id], headers[header]).value = value
