"""What `openpyxl` cannot tell from a cell's value: a formula whose result was never stored.

A workbook written by a script or a tool that does not calculate holds formulas without a
cached result; read for values, such a cell looks empty, and a target or a comment would
silently vanish. The sheet's XML says which cells they are, so it is searched directly (only
when it holds a formula at all, so a workbook without formulas costs nothing more).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, cast

from hsn_analysis.problems import Problem
from hsn_analysis.reading.cells import normalise_name
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words.safeguards import HIDDEN_LOOKALIKES, MSG_FORMULA_NO_VALUE, MSG_HIDDEN_SHEET

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)
_REF = re.compile(rb"""\br\s*=\s*["']([A-Z]+)([0-9]+)["']""")
_STRING_TYPE = re.compile(rb"""\bt\s*=\s*["']str["']""")


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell with no stored result: `cell` as Excel names it (`C5`), its `row`, and the
    formula as written (empty for a shared formula defined in another cell)."""

    cell: str
    row: int | None
    formula: str


def sheet_problems(book: Any, sheet: Any, name: str, source: str) -> list[Problem]:
    """A warning when the sheet read as `name` is hidden (naming visible look-alikes, which are
    not read), and an error per formula cell without a stored value. `book` is the openpyxl
    workbook opened read-only, `sheet` one of its worksheets."""
    problems = []
    if getattr(sheet, "sheet_state", "visible") != "visible":
        alike = [
            s.title
            for s in book.worksheets
            if s is not sheet
            and getattr(s, "sheet_state", "visible") == "visible"
            and name in normalise_name(s.title)
        ]
        visible = HIDDEN_LOOKALIKES.format(titles=", ".join(alike)) if alike else ""
        message = MSG_HIDDEN_SHEET.format(title=sheet.title, name=name, visible=visible)
        problems.append(Problem(Severity.WARNING, source, message))
    try:  # the sheet's own XML: openpyxl keeps its path and the open archive
        xml = cast(Any, book)._archive.read(sheet._worksheet_path)
    except Exception:  # not a read-only sheet or no such part: nothing more to check
        return problems
    for cell in formulas_without_value(xml):
        formula = cell.formula or "(en delad formel)"
        message = MSG_FORMULA_NO_VALUE.format(cell=cell.cell, formula=formula)
        problems.append(Problem(Severity.ERROR, source, message, row=cell.row))
    return problems


def formulas_without_value(sheet_xml: bytes) -> list[FormulaWithoutValue]:
    """Every formula cell of a worksheet's XML that has no stored result."""
    if b"<f" not in sheet_xml and b":f" not in sheet_xml:
        return []
    found = []
    for cell in _CELL.finditer(sheet_xml):
        attributes, body = cell.group(1), cell.group(2) or b""
        formula = _FORMULA.search(body)
        if formula is None:
            continue
        value = _VALUE.search(body)
        stored = value is not None and (bool(value.group(1)) or _STRING_TYPE.search(attributes))
        if stored:  # an empty text result (t="str") is a stored value too
            continue
        ref = _REF.search(attributes)
        column, row = (ref.group(1).decode(), int(ref.group(2))) if ref else ("?", None)
        text = html.unescape((formula.group(1) or b"").decode("utf-8", "replace"))
        found.append(FormulaWithoutValue(f"{column}{row}", row, f"={text}" if text else ""))
    return found
