"""How the forms look: fonts, fills, number formats and the protection of locked cells."""

from __future__ import annotations

import math

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from hsn_analysis.forms.text_cells import put

TITLE_FONT = Font(bold=True, size=13)
HEADING_FONT = Font(bold=True, size=11, color="1F4E79")
BOLD = Font(bold=True)
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
LOCKED_FILL = PatternFill("solid", fgColor="E7E6E6")  # grey: the plan, not to be changed
OPEN_FILL = PatternFill("solid", fgColor="FFF7D6")  # light yellow: to fill in
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTRED = Alignment(wrap_text=True, vertical="top", horizontal="center")
HEADER_HEIGHT = 46  # three lines of a wrapped header
DATE_FORMAT = "yyyy-mm-dd"
INSTRUCTION_WIDTH = 110
LINE_HEIGHT = 15  # points per line of 11-point text
MIN_OPEN_HEIGHT = 45  # room to write in an answer row


def number_format(value: float) -> str:
    """Thousands grouped and only the decimals the value has (at most two).

    Format codes in a file are written with `,` for grouping and `.` for decimals; Excel and
    LibreOffice show them in the reader's locale, so a Swedish one sees `1 234,5`.
    """
    for decimals in (0, 1):
        if round(value, decimals) == round(value, 2):
            return "#,##0" if decimals == 0 else "#,##0.0"
    return "#,##0.00"


def protect(sheet: Worksheet) -> None:
    """Lock the cells that are not marked open; no password: it guards against slips only.

    Column widths and row heights may still be changed, so long texts can be read.
    """
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False  # False = allowed
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def write_lines(sheet: Worksheet, lines: list[tuple[str, Font | None]]) -> None:
    """One wrapped paragraph per row in column A."""
    sheet.column_dimensions["A"].width = INSTRUCTION_WIDTH
    for row, (text, font) in enumerate(lines, start=1):
        cell = put(sheet, row, 1, text or None)
        cell.alignment = WRAP
        if font is not None:
            cell.font = font


def fit_rows(sheet: Worksheet, first_row: int, minimum: float = 0) -> None:
    """Give rows with wrapped text the height their longest cell needs.

    Excel grows such rows itself, but LibreOffice and printing to PDF keep the stored height,
    so the estimate is stored: about 1,15 characters fit per unit of column width.
    """
    widths = {
        col: sheet.column_dimensions[get_column_letter(col)].width or 10
        for col in range(1, sheet.max_column + 1)
    }
    for row in sheet.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if cell.value is None or not (cell.alignment and cell.alignment.wrap_text):
                continue
            per_line = max(1, int(widths[cell.column] * 1.15))
            text = str(cell.value)
            lines = max(lines, sum(math.ceil(len(p) / per_line) or 1 for p in text.split("\n")))
        number = row[0].row
        if number is not None:
            sheet.row_dimensions[number].height = max(minimum, lines * LINE_HEIGHT + 3)


def print_setup(sheet: Worksheet, repeat_rows: str | None = None) -> None:
    """A4 landscape, as wide as one page, the header rows on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if repeat_rows:
        sheet.print_title_rows = repeat_rows
