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
