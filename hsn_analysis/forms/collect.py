"""Reading returned forms: every answer, checked against the plan, or a problem naming the
file, sheet, row and column."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from hsn_analysis.dataset import Dataset
from hsn_analysis.forms.content import (
    FormContent,
    IndicatorRow,
    Split,
    SubgoalRow,
    UnitIndicatorRow,
    form_contents,
    indicator_rows,
    subgoal_rows,
)
from hsn_analysis.forms.formulas import formulas_in
from hsn_analysis.forms.layout import (
    FIRST_ROW,
    HEADER_ROW,
    INFO_KIND,
    INFO_SHEET,
    Column,
    Kind,
    SheetLayout,
    sheets_for,
)
from hsn_analysis.periods import Period, PeriodError
from hsn_analysis.problems import Problem
from hsn_analysis.reading.cells import (
    STATUS_WORDS,
    fold,
    normalise_name,
    parse_date,
    parse_number,
    workbook_cell_text,
)
from hsn_analysis.vocabulary import Frequency, Severity
from hsn_analysis.words import forms as words
from hsn_analysis.words.messages import MSG_DATE, MSG_NOT_NUMBER, MSG_STATUS
from hsn_analysis.words.unit_text import MSG_YES_NO, NOT_REPORTED_WORDS

Value = str | float | date | None
PlanRow = SubgoalRow | IndicatorRow | UnitIndicatorRow
YES_NO = {"ja": "ja", "1": "ja", "nej": "nej", "0": "nej"}  # as D writes a unit's answer
_NOT_REPORTED = {fold(w) for w in NOT_REPORTED_WORDS}


@dataclass(frozen=True)
class Answer:
    """One filled row of a form: the dataset table it goes to and its typed values."""

    table: str
    what: str  # "Delmålet" / "Indikatorn"
    id: str
    values: tuple[tuple[str, Value], ...]  # answer column → value (None when left empty)
    source: str  # "Uppföljning 2026-T1 - X.xlsx, blad Delmål"
    row: int
    unit: str = ""  # the enhet_id on a unit's form

    def get(self, column: str) -> Value:
        """The value of one answer column."""
        return dict(self.values).get(column)


@dataclass
class FormRead:
    """What one returned form holds."""

    path: Path
    period: Period
    split: str
    owner: str | None
    answers: list[Answer] = field(default_factory=list)
    seen: set[tuple[str, str, str]] = field(default_factory=set)  # (table, id, unit) rows it has
    unit: str = ""  # the enhet_id of a unit's form


def form_info(book: Any) -> dict[str, str] | None:
    """The hidden sheet's keys and values; None when the workbook is no form of ours."""
    if INFO_SHEET not in book.sheetnames:
        return None
    info = {
        str(row[0]): "" if row[1] is None else str(row[1])
        for row in book[INFO_SHEET].iter_rows(values_only=True)
        if len(row) >= 2 and row[0] is not None
    }
    return info if info.get("typ") == INFO_KIND else None


class UnitPlans:
    """The rows each unit's form asked for, worked out once per period for one dataset: `samla`
    reads a form per basenhet, dozens of them, all of the same plan."""

    def __init__(self) -> None:
        self._by_period: dict[Period, dict[str, FormContent]] = {}

    def rows(
        self, dataset: Dataset, period: Period, unit: str
    ) -> tuple[list[SubgoalRow], list[IndicatorRow | UnitIndicatorRow]] | None:
        """The rows the form of `unit` asked for; None when `enheter` has no such unit."""
        if period not in self._by_period:
            contents: dict[str, FormContent] = {}
            for each in form_contents(dataset, period, Split.UNIT):
                contents.setdefault(each.unit_id, each)
            self._by_period[period] = contents
        content = self._by_period[period].get(unit)
        return None if content is None else (list(content.subgoals), list(content.indicators))


def read_form(
    path: Path, dataset: Dataset, period: Period | None, plans: UnitPlans | None = None
) -> tuple[FormRead | None, list[Problem]]:
    """Read one returned form of `period` (None: whatever period it has).

    `plans` is shared by the calls that read forms of the same `dataset` (one is made if not).
    Returns None with the problems when the file cannot be used at all.
    """
    name = path.name
    try:
        with warnings.catch_warnings():  # openpyxl warns of Excel features it drops
            warnings.simplefilter("ignore")
            book = load_workbook(path, data_only=True)
    except Exception:  # a damaged or foreign file raises any of a dozen exception types
        return None, [Problem(Severity.ERROR, name, words.MSG_FORM_UNREADABLE)]
    info = form_info(book)
    if info is None:
        return None, [Problem(Severity.ERROR, name, words.MSG_FORM_NOT_FORM)]
    try:
        own = Period.parse(info.get("period", ""))
    except PeriodError:
        return None, [Problem(Severity.ERROR, name, words.MSG_FORM_NOT_FORM)]
    if period is not None and own != period:
        message = words.MSG_FORM_OTHER_PERIOD.format(period=own.code, expected=period.code)
        return None, [Problem(Severity.ERROR, name, message)]
    split = info.get("fordelning", "")
    dataset = dataset.plan_for(own.year)  # the plan the form was made from
    form = FormRead(path, own, split, info.get("ansvarig") or None, unit=info.get("enhet", ""))
    problems: list[Problem] = []
    sheets = sheets_for(split)
    plans = plans or UnitPlans()
    planned = plans.rows(dataset, own, form.unit) if split == Split.UNIT.value else None
    if split == Split.UNIT.value and planned is None:
        gone = words.MSG_FORM_UNIT_GONE.format(unit=form.unit)
        return None, [Problem(Severity.ERROR, name, gone)]
    subgoals, indicators = planned or (subgoal_rows(dataset, own), indicator_rows(dataset, own))
    expected: dict[str, dict[str, PlanRow]] = {
        sheets[0].name: {r.subgoal_id: r for r in subgoals},
        sheets[1].name: {r.indicator_id: r for r in indicators},
    }
    formulas = formulas_in(path, [layout.name for layout in sheets])
    for layout in sheets:
        source = f"{name}, blad {layout.name}"
        if layout.name not in book.sheetnames:
            found = ", ".join(s for s in book.sheetnames if s != INFO_SHEET)
            message = words.MSG_FORM_NO_SHEET.format(sheet=layout.name, found=found)
            problems.append(Problem(Severity.ERROR, name, message))
            continue
        reader = _SheetReader(book[layout.name], layout, source, own, dataset)
        reader.formulas = formulas.get(layout.name, {})
        reader.read(expected[layout.name], form)
        problems += reader.problems
    book.close()
    return form, problems


class _SheetReader:
    """Reads the rows of one answer sheet into `Answer`s and problems."""

    def __init__(
        self, sheet: Worksheet, layout: SheetLayout, source: str, period: Period, dataset: Dataset
    ) -> None:
        self.sheet, self.layout, self.source, self.period = sheet, layout, source, period
        self.dataset = dataset
        self.problems: list[Problem] = []
        self.formulas: dict[str, str] = {}  # cell → formula, from a formula-keeping read

    def problem(self, message: str, row: int | None, column: str | None, value: str) -> None:
        self.problems.append(
            Problem(Severity.ERROR, self.source, message, row, column, value or None)
        )

    def positions(self) -> dict[str, int] | None:
        """Each column's position (1-based) found by its header; None if one is missing."""
        headers = {
            normalise_name(workbook_cell_text(cell)): cell.column
            for cell in self.sheet[HEADER_ROW]
            if cell.value is not None
        }
        found: dict[str, int] = {}
        for column in self.layout.columns:
            header = column.header_for(self.period)
            where = headers.get(normalise_name(header))
            if where is None:
                message = words.MSG_FORM_NO_COLUMN.format(column=header)
                self.problem(message, HEADER_ROW, None, "")
                return None
            found[column.key] = where
        return found

    def read(self, expected: dict[str, PlanRow], form: FormRead) -> None:
        positions = self.positions()
        if positions is None:
            return
        id_column = self.layout.columns[0]
        for row in self.sheet.iter_rows(min_row=FIRST_ROW):
            cells = {c.key: _cell_at(row, positions[c.key]) for c in self.layout.columns}
            number = int(row[0].row or 0)  # cells read from a sheet always know their row
            row_id = workbook_cell_text(cells[id_column.key])
            if self.has_formulas(cells, number):  # before the empty test: a formula may show ""
                if row_id in expected:
                    form.seen.add((self.layout.table, row_id, form.unit))
                continue
            if all(workbook_cell_text(cell) == "" for cell in cells.values()):
                continue
            answered = any(workbook_cell_text(cells[c.key]) for c in self.layout.answers)
            plan_row = expected.get(row_id)
            if plan_row is None:
                self.not_in_plan(row_id, answered, number, id_column)
                continue
            form.seen.add((self.layout.table, row_id, form.unit))
            locked_ok = self.check_locked(cells, plan_row, number)
            if not answered:
                message = words.MSG_FORM_EMPTY_ROW.format(owner=plan_row.owner)
                self.problems.append(
                    Problem(Severity.WARNING, self.source, message, number, None, row_id)
                )
                continue
            values = self.answers(cells, number, plan_row)
            if values is not None and locked_ok:
                form.answers.append(
                    Answer(
                        self.layout.table,
                        self.layout.what,
                        row_id,
                        values,
                        self.source,
                        number,
                        form.unit,
                    )
                )

    def has_formulas(self, cells: dict[str, Any], number: int) -> bool:
        """An error for each cell of the row that holds a formula; True when one does."""
        found = False
        for column in self.layout.columns:
            cell = cells[column.key]
            formula = self.formulas.get(getattr(cell, "coordinate", ""))
            if formula is None:
                continue
            text = workbook_cell_text(cell)
            shown = words.FORMULA_SHOWN.format(value=text) if text else words.FORMULA_NOT_SHOWN
            message = words.MSG_FORM_FORMULA.format(
                cell=cell.coordinate, formula=formula, shown=shown
            )
            self.problem(message, number, column.header_for(self.period), formula)
            found = True
        return found

    def not_in_plan(self, row_id: str, answered: bool, number: int, id_column: Column) -> None:
        header = id_column.header_for(self.period)
        if row_id == "":
            if answered:
                self.problem(words.MSG_FORM_NO_ID, number, header, "")
            return
        indicators = self.dataset.indicators
        due_later = indicators[
            (indicators["indikator_id"] == row_id)
            & (indicators["frekvens"] == Frequency.FULL_YEAR.value)
        ]
        if self.layout.table in ("utfall", "enhetsutfall") and len(due_later):
            message = words.MSG_FORM_NOT_DUE.format(id=row_id, period=self.period.label)
        else:
            message = words.MSG_FORM_NOT_IN_PLAN.format(what=self.layout.what, id=row_id)
        self.problem(message, number, header, row_id)

    def check_locked(self, cells: dict[str, Any], plan_row: PlanRow, number: int) -> bool:
        """Report each locked cell that differs from the plan; True when none does."""
        ok = True
        for column in self.layout.columns:
            if not column.locked:
                continue
            shown = getattr(plan_row, column.key)
            cell = cells[column.key]
            if not _same(getattr(cell, "value", None), shown):
                expected = "" if shown is None else _shown_text(shown)
                message = words.MSG_FORM_LOCKED.format(expected=expected)
                self.problem(
                    message, number, column.header_for(self.period), workbook_cell_text(cell)
                )
                ok = False
        return ok

    def answers(
        self, cells: dict[str, Any], number: int, plan_row: PlanRow
    ) -> tuple[tuple[str, Value], ...] | None:
        """The typed answers of one row; None (with problems) when one cannot be read."""
        values: list[tuple[str, Value]] = []
        ok = True
        for column in self.layout.answers:
            header = column.header_for(self.period)
            cell = cells[column.key]
            text = workbook_cell_text(cell)
            value, message = _typed(column.kind, getattr(cell, "value", None), text)
            if column.kind is Kind.UNIT_VALUE and text:  # ja/nej or a number, as the row counts
                yes_no = getattr(plan_row, "yes_no", False)
                value = YES_NO.get(fold(text)) if yes_no else parse_number(text)
                if fold(text) in _NOT_REPORTED:  # said outright: kept as D spells it
                    value = NOT_REPORTED_WORDS[0]
                message = None if value is not None else MSG_NOT_NUMBER
                if yes_no and value is None:
                    message = MSG_YES_NO.format(id=getattr(plan_row, "indicator_id", ""))
            if message:
                self.problem(message, number, header, text)
                ok = False
            values.append((column.key, value))
        required = self.layout.answers[0]  # status, or the value of an indicator
        if ok and dict(values)[required.key] is None:
            message = words.MSG_FORM_NO_STATUS if required.kind is Kind.STATUS else None
            self.problem(
                message or words.MSG_FORM_NO_VALUE, number, required.header_for(self.period), ""
            )
            ok = False
        return tuple(values) if ok else None


def _cell_at(row: Sequence[Any], position: int) -> Any:
    return row[position - 1] if position <= len(row) else None


def _typed(kind: Kind, raw: object, text: str) -> tuple[Value, str | None]:
    """A cell as the value of its kind, or None and the message why it cannot be read."""
    if text == "":
        return None, None
    if kind is Kind.STATUS:
        code = STATUS_WORDS.get(fold(text))
        return (code, None) if code else (None, MSG_STATUS)
    if kind is Kind.NUMBER:  # read from the text: a percent-formatted 0,665 is 66,5 as shown
        number = parse_number(text)
        return (number, None) if number is not None else (None, MSG_NOT_NUMBER)
    if kind is Kind.DATE:
        if isinstance(raw, datetime | date):
            return (raw.date() if isinstance(raw, datetime) else raw), None
        parsed = parse_date(text)
        return (parsed.date(), None) if parsed else (None, MSG_DATE)
    return text, None


def _same(value: object, shown: object) -> bool:
    """Whether a locked cell still holds what the form wrote (numbers compared as numbers)."""
    if shown is None or shown == "":
        return value is None or str(value).strip() == ""
    if isinstance(shown, float):
        number = value if isinstance(value, int | float) else parse_number(str(value or ""))
        return number is not None and math.isclose(float(number), shown, abs_tol=1e-9)
    return value is not None and str(value).strip() == str(shown).strip()


def _shown_text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)
