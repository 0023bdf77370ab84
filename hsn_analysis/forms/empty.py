"""`hsn-report mall --tom`: an empty dataset workbook for someone starting a new plan.

Every sheet of the input format with its headers, drop-downs for the closed vocabularies and
number and date formats on the columns that hold them; no data, no protection.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hsn_analysis import dataset as ds
from hsn_analysis.forms import styles
from hsn_analysis.forms.template import STATUS_CHOICES, list_validation, save_atomically
from hsn_analysis.forms.text_cells import put
from hsn_analysis.plans import PLAN_YEAR
from hsn_analysis.reading.schema import REQUIRED, SETTINGS_NAME
from hsn_analysis.vocabulary import Frequency, Measurement, TargetType
from hsn_analysis.words import forms as words

ROWS = 500  # rows prepared with drop-downs and formats
SETTINGS_COLUMNS = ("namn", "ar", "gul_fran", "malstatus_regel", "exempeldata")
SETTINGS_REQUIRED = ("namn", "ar")
# The plan tables carry their plan year (`ar`): a new plan is the first year of many.
TABLE_COLUMNS = {
    "mal": [*ds.GOAL_COLUMNS, PLAN_YEAR],
    "delmal": [*ds.SUBGOAL_COLUMNS, PLAN_YEAR],
    "indikatorer": [*ds.INDICATOR_COLUMNS, PLAN_YEAR],
    "utfall": ds.OUTCOME_COLUMNS,
    "bedomningar": ds.ASSESSMENT_COLUMNS,
}
CHOICES: dict[str, tuple[str, ...]] = {
    "maltyp": tuple(t.value for t in TargetType),
    "frekvens": tuple(f.value for f in Frequency),
    "matning": tuple(m.value for m in Measurement),
    "status": STATUS_CHOICES,
    "malstatus_regel": words.EMPTY_ROLLUP_RULES,
    "exempeldata": words.EMPTY_YES_NO,
}
WIDE_COLUMNS = {"namn", "kommentar"}


def write_empty_workbook(folder: Path) -> Path:
    """Write the empty workbook into `folder` (made if missing); returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    return save_atomically(build_empty_workbook(), folder / words.FILE_NAME_EMPTY)


def build_empty_workbook() -> Workbook:
    """The instructions sheet, then `installningar` and the five tables, headers only."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = words.SHEET_INSTRUCTIONS
    lines: list[tuple[str, Font | None]] = [
        (words.EMPTY_TITLE, styles.TITLE_FONT),
        (words.EMPTY_INTRO, None),
        ("", None),
    ]
    lines += [(f"• {name}: {text}", None) for name, text in words.EMPTY_SHEETS]
    styles.write_lines(sheet, lines)
    styles.fit_rows(sheet, 1)
    styles.print_setup(sheet)
    sheets: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
        SETTINGS_NAME: (SETTINGS_COLUMNS, SETTINGS_REQUIRED)
    }
    sheets |= {name: (tuple(cols), REQUIRED[name]) for name, cols in TABLE_COLUMNS.items()}
    for name, (columns, required) in sheets.items():
        table = book.create_sheet(name)
        rows = 2 if name == SETTINGS_NAME else ROWS + 1
        for i, column in enumerate(columns, start=1):
            cell = put(table, 1, i, column)
            cell.font = styles.HEADER_FONT if column in required else Font(color="FFFFFF")
            cell.fill = styles.HEADER_FILL
            letter = get_column_letter(i)
            table.column_dimensions[letter].width = 45 if column in WIDE_COLUMNS else 16
            if column in CHOICES:
                validation = list_validation(
                    CHOICES[column], words.ERROR_WORD_TITLE, words.ERROR_WORD
                )
                validation.add(f"{letter}2:{letter}{rows}")
                table.add_data_validation(validation)
            if column == "datum":
                for row in range(2, rows + 1):
                    table.cell(row, i).number_format = styles.DATE_FORMAT
        table.freeze_panes = "A2"
        styles.print_setup(table, "1:1")
    return book
