"""Writing cells that stay what they are: text that looks like a formula is stored as text.

openpyxl stores any string that starts with `=` as a formula, so a comment `=1+1` or a name
`=HYPERLINK(…)` taken from the plan or a returned form would become a live formula in the
workbook we write. Following OWASP's advice on formula injection, text starting with `=`, `+`,
`-`, `@`, a tab or a carriage return is stored as a string and marked with Excel's quote prefix,
so Excel shows it as typed and keeps it text when the cell is edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """Whether `value` is text a spreadsheet could take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def keep_text(cell: Any) -> Any:
    """Mark `cell` as text when its value looks like a formula; returns the cell."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"  # a string, not "f": openpyxl would write it as a formula
        cell.quotePrefix = True
    return cell


def put(sheet: Worksheet, row: int, column: int, value: object = None) -> Any:
    """`sheet.cell(row, column, value)`, with formula-like text kept as text."""
    cell: Any = sheet.cell(row, column)
    cell.value = value
    return keep_text(cell)


def append(sheet: Worksheet, values: Iterable[object]) -> None:
    """`sheet.append(values)`, with formula-like text kept as text."""
    row = list(values)
    sheet.append(row)
    for column, value in enumerate(row, start=1):
        if looks_like_formula(value):  # only these: touching the others would add cells
            keep_text(sheet.cell(sheet.max_row, column))
