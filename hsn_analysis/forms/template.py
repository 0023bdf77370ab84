"""`hsn-report mall`: the Excel forms of one tertial, for the whole plan or one per owner."""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from hsn_analysis.dataset import Dataset, Settings
from hsn_analysis.forms import styles
from hsn_analysis.forms.content import (
    FormContent,
    IndicatorRow,
    Split,
    SubgoalRow,
    UnitIndicatorRow,
    form_contents,
)
from hsn_analysis.forms.layout import (
    FIRST_ROW,
    HEADER_ROW,
    INFO_KIND,
    INFO_SHEET,
    INFO_VERSION,
    TITLE_ROW,
    Column,
    Kind,
    SheetLayout,
    file_names,
    sheets_for,
)
from hsn_analysis.forms.text_cells import append, put
from hsn_analysis.periods import Period
from hsn_analysis.reading.file_names import output_path
from hsn_analysis.vocabulary import SubgoalStatus
from hsn_analysis.words import forms as words
from hsn_analysis.words.labels import SUBGOAL_STATUS_LABEL

# The three words of the drop-down, in the plan's own phrasing.
STATUS_CHOICES = tuple(
    SUBGOAL_STATUS_LABEL[s] for s in (SubgoalStatus.GREEN, SubgoalStatus.YELLOW, SubgoalStatus.RED)
)


def swedish_date(day: date) -> str:
    """`10 maj 2026`."""
    return f"{day.day} {words.MONTHS[day.month - 1]} {day.year}"


def write_forms(
    dataset: Dataset,
    period: Period,
    folder: Path,
    *,
    split: Split | None = None,
    deadline: date | None = None,
    created: datetime | None = None,
) -> list[Path]:
    """Write the forms of `period` into `folder` (made if missing); returns their paths.

    Each file is written under a temporary name and renamed into place, so a folder never
    holds half a form; an existing form of the same name is replaced. The forms ask for the
    delmål and indicators of the plan of the period's year, and name that plan year.
    """
    dataset = dataset.plan_for(period.year)
    contents = form_contents(dataset, period, split)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    names = file_names([c.owner for c in contents], period)
    for content, name in zip(contents, names, strict=True):
        book = build_form(content, dataset.settings, split, deadline, created)
        paths.append(save_atomically(book, output_path(folder, name)))
    return paths


def save_atomically(book: Workbook, path: Path) -> Path:
    """Save beside `path`, then rename: readers never see a half-written workbook.

    The same workbook gives the same bytes whenever it is saved, so that a form mailed once is
    known by its SHA-256 when the plan has not changed.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".xlsx.tmp")
    os.close(handle)
    try:
        book.save(temporary)
        _reproducible(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _reproducible(path: Path) -> None:
    """Rewrite the saved workbook without the time of saving: openpyxl stamps it on every zip
    member and as the document's `modified`, which becomes its `created` again here."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                created = _CREATED.search(text)
                if created is not None:
                    text = _MODIFIED.sub(rf"\g<1>{created[2]}\g<3>", text)
                data = text.encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


_CREATED = re.compile(r"(<dcterms:created[^>]*>)([^<]*)(</dcterms:created>)")
_MODIFIED = re.compile(r"(<dcterms:modified[^>]*>)([^<]*)(</dcterms:modified>)")


def build_form(
    content: FormContent,
    settings: Settings,
    split: Split | None,
    deadline: date | None,
    created: datetime | None = None,
) -> Workbook:
    """One form as a workbook: instructions, one sheet per kind of answer, the hidden info."""
    book = Workbook()
    instructions = book.active
    assert instructions is not None  # a new workbook always has its first sheet
    instructions.title = words.SHEET_INSTRUCTIONS
    _instructions(instructions, content, settings, deadline)
    sheets = sheets_for(split.value if split else "")
    rows: dict[str, Sequence[SubgoalRow | IndicatorRow | UnitIndicatorRow]] = {
        sheets[0].name: content.subgoals,
        sheets[1].name: content.indicators,
    }
    for layout in sheets:
        _answer_sheet(book.create_sheet(layout.name), layout, content, rows[layout.name])
    _info(book.create_sheet(INFO_SHEET), content, split, deadline)
    stamp = created or datetime(2000, 1, 1)  # fixed unless given: the same plan, the same file
    book.properties.created = book.properties.modified = stamp
    book.properties.title = words.FORM_TITLE.format(
        period=content.period.label, board=settings.board_name, year=settings.year
    )
    return book


def _instructions(
    sheet: Worksheet, content: FormContent, settings: Settings, deadline: date | None
) -> None:
    period = content.period
    owner = content.owner or words.WHOLE_PLAN
    when = (
        words.FORM_DEADLINE.format(date=swedish_date(deadline))
        if deadline
        else words.FORM_NO_DEADLINE.format(end=swedish_date(period.end))
    )
    counts = words.FORM_COUNTS.format(
        subgoals=len(content.subgoals), indicators=len(content.indicators)
    )
    title = words.FORM_TITLE.format(
        period=period.label, board=settings.board_name, year=settings.year
    )
    lines: list[tuple[str, Font | None]] = [
        (title, styles.TITLE_FONT),
        (words.FORM_FOR.format(owner=owner), styles.BOLD),
        (when, styles.BOLD),
        (counts, None),
    ]
    sections = words.FORM_SECTIONS
    if content.unit_id:
        sections = (words.UNIT_FORM_SECTION, *sections)
    for heading, items in sections:
        lines += [("", None), (heading, styles.HEADING_FONT)]
        lines += [(f"• {item.format(period=period.label)}", None) for item in items]
    styles.write_lines(sheet, lines)
    styles.fit_rows(sheet, 1)
    styles.print_setup(sheet)
    sheet.protection.sheet = True  # nothing to fill in here


def _answer_sheet(
    sheet: Worksheet,
    layout: SheetLayout,
    content: FormContent,
    rows: Sequence[SubgoalRow | IndicatorRow | UnitIndicatorRow],
) -> None:
    period = content.period
    owner = content.owner or words.WHOLE_PLAN
    title = put(sheet, TITLE_ROW, 1, layout.title.format(period=period.label, owner=owner))
    title.font = styles.TITLE_FONT
    for i, column in enumerate(layout.columns, start=1):
        head = put(sheet, HEADER_ROW, i, column.header_for(period))
        head.font, head.fill, head.alignment = styles.HEADER_FONT, styles.HEADER_FILL, styles.WRAP
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    for r, row in enumerate(rows, start=FIRST_ROW):
        for i, column in enumerate(layout.columns, start=1):
            value = getattr(row, column.key) if column.locked else None
            cell = put(sheet, r, i, None if value == "" else value)
            cell.alignment = styles.WRAP if column.kind is Kind.LONG_TEXT else styles.TOP
            if column.centred:
                cell.alignment = styles.CENTRED
            if column.locked:
                cell.fill = styles.LOCKED_FILL
                if column.kind is Kind.NUMBER and isinstance(value, float):
                    cell.number_format = styles.number_format(value)
            else:
                cell.fill = styles.OPEN_FILL
                cell.protection = Protection(locked=False)
                if column.kind is Kind.DATE:
                    cell.number_format = styles.DATE_FORMAT
    last = FIRST_ROW + len(rows) - 1
    if rows:
        for i, column in enumerate(layout.columns, start=1):
            validation = _validation(column)
            if validation is not None:
                letter = get_column_letter(i)
                validation.add(f"{letter}{FIRST_ROW}:{letter}{last}")
                sheet.add_data_validation(validation)
            if column.kind is Kind.UNIT_VALUE:
                _unit_value_validations(sheet, get_column_letter(i), rows)
    sheet.freeze_panes = f"B{FIRST_ROW}"  # the header rows and the id stay in view
    styles.fit_rows(sheet, FIRST_ROW, minimum=styles.MIN_OPEN_HEIGHT)
    sheet.row_dimensions[HEADER_ROW].height = styles.HEADER_HEIGHT
    styles.print_setup(sheet, f"{TITLE_ROW}:{HEADER_ROW}")
    styles.protect(sheet)


def _validation(column: Column) -> DataValidation | None:
    """The drop-down or check of an open column; None for free text."""
    if column.locked:
        return None
    if column.kind is Kind.STATUS:
        validation = list_validation(STATUS_CHOICES, words.ERROR_STATUS_TITLE, words.ERROR_STATUS)
        validation.showInputMessage = True
        validation.promptTitle, validation.prompt = words.PROMPT_STATUS_TITLE, words.PROMPT_STATUS
        return validation
    if column.kind is Kind.NUMBER:
        return _number_validation()
    return _date_validation(column)


def _unit_value_validations(
    sheet: Worksheet, letter: str, rows: Sequence[SubgoalRow | IndicatorRow | UnitIndicatorRow]
) -> None:
    """A ja/nej drop-down on the andel_ja rows, the number check on the others."""
    yes_no = list_validation(("ja", "nej"), words.ERROR_YES_NO_TITLE, words.ERROR_YES_NO)
    number = _number_validation()
    for r, row in enumerate(rows, start=FIRST_ROW):
        (yes_no if getattr(row, "yes_no", False) else number).add(f"{letter}{r}")
    for validation in (yes_no, number):
        if validation.sqref:
            sheet.add_data_validation(validation)


def _number_validation() -> DataValidation:
    """A warning only: a text "66,5" is still read right."""
    return DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E+15",
        formula2="1E+15",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=words.ERROR_NUMBER_TITLE,
        error=words.ERROR_NUMBER,
    )


def _date_validation(column: Column) -> DataValidation | None:
    if column.kind is Kind.DATE:
        return DataValidation(
            type="date",
            operator="greaterThan",
            formula1="36526",  # 2000-01-01 as Excel counts days
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=words.ERROR_DATE_TITLE,
            error=words.ERROR_DATE,
        )
    return None


def list_validation(choices: Sequence[str], title: str, message: str) -> DataValidation:
    """A drop-down of `choices` that refuses anything else (blank allowed)."""
    return DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showDropDown=False,  # sic: False shows the arrow (the attribute means "hide it")
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=title,
        error=message,
    )


def _info(
    sheet: Worksheet, content: FormContent, split: Split | None, deadline: date | None
) -> None:
    values = {
        "typ": INFO_KIND,
        "version": INFO_VERSION,
        "period": content.period.code,
        "fordelning": split.value if split else "",
        "ansvarig": content.owner or "",
        "enhet": content.unit_id,
        "senast": deadline.isoformat() if deadline else "",
    }
    for key, value in values.items():
        append(sheet, [key, value])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
