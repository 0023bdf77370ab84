"""Reading a dataset workbook (.xlsx): one sheet per table and the `installningar` sheet, each
cell as the text Excel shows. openpyxl is imported only here, when a workbook is read."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from hsn_analysis.reading.cells import normalise_name, workbook_cell_text
from hsn_analysis.reading.collector import Collector
from hsn_analysis.reading.schema import OPTIONAL_TABLES, SETTINGS_NAME, TABLE_NAMES
from hsn_analysis.reading.workbook_checks import sheet_problems
from hsn_analysis.words.messages import MSG_BAD_SHEET, MSG_NO_SHEET, MSG_NOT_WORKBOOK, MSG_SAME_NAME

if TYPE_CHECKING:  # openpyxl loads only when a workbook is read: CSV folders and the report
    from openpyxl.workbook.workbook import Workbook, _WorksheetLike  # kernel never need it

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read_workbook(reader: Collector, path: Path) -> None:
    """Every table's sheet and the settings sheet; a damaged file is one problem."""
    reader.order.append(path.name)
    data = reader.read_bytes(path, path.name)
    if data is None:
        return
    import openpyxl  # here, not at the top: see TYPE_CHECKING above

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged or foreign file raises any of a dozen exception types
        reader.error(path.name, MSG_NOT_WORKBOOK)
        return
    try:
        _read_sheets(reader, book, path.name)
    finally:
        book.close()


def _read_sheets(reader: Collector, book: Workbook, file_name: str) -> None:
    sheets: dict[str, list[_WorksheetLike]] = {}
    for sheet in book.worksheets:
        sheets.setdefault(normalise_name(sheet.title), []).append(sheet)
    for name in (SETTINGS_NAME, *TABLE_NAMES, *OPTIONAL_TABLES):
        matches = sheets.get(name, [])
        if not matches and name in OPTIONAL_TABLES:
            continue
        if len(matches) != 1:
            titles = ", ".join(s.title for s in (matches or book.worksheets)) or "inga"
            template = MSG_SAME_NAME if matches else MSG_NO_SHEET
            message = template.format(what="blad", name=name, files=titles, found=titles)
            reader.error(file_name, message)
            continue
        sheet = matches[0]
        source = f"{file_name}, blad {sheet.title}"
        reader.order.append(source)
        try:
            sheet.reset_dimensions()  # a wrong stored size would cut rows off
            records = [[workbook_cell_text(c) for c in row] for row in sheet.iter_rows()]
        except Exception:  # damaged sheet XML
            reader.error(source, MSG_BAD_SHEET)
            continue
        reader.problems += sheet_problems(book, sheet, name, source)
        reader.add_table(name, source, records, pad_header=True)
