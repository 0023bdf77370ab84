"""`hsn-report ny-plan`: next year's plan written as a copy of the latest year's, to be edited.

D is copied to D2 in its own dialect (a CSV folder keeps its encoding, separator and line ends;
a workbook keeps its other sheets), never changed. In `mal`, `delmal` and `indikatorer` every row
keeps its place and gets its plan year in a column `ar` (added when missing: a table without it
was in every plan year, so its rows are given once more for each further year), and the rows of
the latest year are appended once more with `ar` = the new year. `indikatorer` gets a column
`ersatter` (empty) if it has none, for the indicators that will replace others; a copied row's
`ersatter` is left empty (last year's replacement is done). The settings' `ar` becomes the new
year. D2 is validated before it is moved into place.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hsn_analysis.dataset import Dataset
from hsn_analysis.forms import output
from hsn_analysis.plans import PLAN_YEAR, REPLACES
from hsn_analysis.problems import Problem, errors
from hsn_analysis.reading.cells import normalise_name, parse_year, workbook_cell_text
from hsn_analysis.reading.schema import SETTINGS_NAME
from hsn_analysis.reading.validation import check_dataset

PLAN_TABLES = ("mal", "delmal", "indikatorer")
_ADDED = {"indikatorer": (REPLACES,)}  # columns the new plan may need, added empty
_TOML_YEAR = re.compile(r"^(\s*ar\s*=\s*)[^#\r\n]*?(\s*(?:#.*)?)$", re.MULTILINE)


@dataclass(frozen=True)
class NewPlan:
    """What `write_new_plan` did: the rows copied per table, and D2's problems (no errors)."""

    copied: dict[str, int]
    problems: list[Problem]
    written: bool


def write_new_plan(
    data: Path, dataset: Dataset, year: int, out: Path, *, today: date | None = None
) -> NewPlan:
    """Write D2 at `out`: D with the plan of `year` copied from its latest plan year.

    `dataset` is `data` validated; `year` must come after its plan years and `out` must not exist
    (the caller checks both). Nothing is moved into place when D2 has errors.
    """
    years = list(dataset.plan_years)
    copy = output.open_copy(data)
    copied = {}
    for table in PLAN_TABLES:
        grid = _CsvGrid(copy, table) if isinstance(copy, output.FolderCopy) else None
        rows = grid or _SheetGrid(copy, table)
        copied[table] = _carry_forward(rows, table, years, dataset.settings.year, year)
    if isinstance(copy, output.WorkbookCopy):
        sheet, header, columns = copy.layout(SETTINGS_NAME)
        sheet.cell(header + 1, columns[PLAN_YEAR], year)
    suffix = out.suffix if data.is_file() else ""
    temporary = out.with_name(f".{out.name}.ny-plan{suffix}")
    output.remove(temporary)
    try:
        copy.write(temporary)
        if temporary.is_dir():
            _set_toml_year(temporary, year)
        result = check_dataset(temporary, today=today)
        if errors(result.problems):
            return NewPlan(copied, result.problems, False)
        output.commit(temporary, out)
        return NewPlan(copied, result.problems, True)
    finally:
        output.remove(temporary)


class _Grid(ABC):
    """A plan table being carried forward: its cells by canonical column, rows appended."""

    columns: dict[str, int]

    @abstractmethod
    def rows(self) -> list[int]:
        """The rows with data, as the table numbers them."""

    @abstractmethod
    def text(self, row: int, column: str) -> str:
        """A cell as text."""

    @abstractmethod
    def add_column(self, name: str) -> None:
        """A new column at the right, headed `name`."""

    @abstractmethod
    def set(self, row: int, column: str, value: object) -> None:
        """Write one cell (None: empty)."""

    @abstractmethod
    def append_copy(self, row: int, changes: dict[str, object]) -> None:
        """Append a copy of `row` with `changes`."""


def _carry_forward(grid: _Grid, table: str, years: list[int], default: int, year: int) -> int:
    """Give every row its plan year, then append the latest year's rows with `year`."""
    had_years = PLAN_YEAR in grid.columns
    for name in (PLAN_YEAR, *_ADDED.get(table, ())):
        if name not in grid.columns:
            grid.add_column(name)
    existing = grid.rows()
    row_years: dict[int, int] = {}
    for row in existing:
        given = parse_year(grid.text(row, PLAN_YEAR)) if had_years else None
        row_years[row] = given if given is not None else (default if had_years else years[0])
        grid.set(row, PLAN_YEAR, row_years[row])
    if not had_years:  # rows that were in every plan year
        for later in years[1:]:
            for row in existing:
                grid.append_copy(row, {PLAN_YEAR: later})
    latest = [row for row in existing if row_years[row] == years[-1] or not had_years]
    blank = {name: None for name in _ADDED.get(table, ())}
    for row in latest:
        grid.append_copy(row, {PLAN_YEAR: year, **blank})
    return len(latest)


class _CsvGrid(_Grid):
    def __init__(self, copy: Any, table: str) -> None:
        self.file = copy.file(table)
        self.columns = self.file.columns

    def rows(self) -> list[int]:
        records = self.file.records
        return [
            i
            for i in range(self.file.header + 1, len(records))
            if any(c.strip() for c in records[i])
        ]

    def text(self, row: int, column: str) -> str:
        record = self.file.records[row]
        position = self.columns[column]
        return record[position].strip() if position < len(record) else ""

    def add_column(self, name: str) -> None:
        header = self.file.records[self.file.header]
        self.columns[name] = len(header)
        header.append(name)

    def set(self, row: int, column: str, value: object) -> None:
        record = self.file.records[row]
        record += [""] * (len(self.file.records[self.file.header]) - len(record))
        record[self.columns[column]] = "" if value is None else str(value)

    def append_copy(self, row: int, changes: dict[str, object]) -> None:
        self.file.records.append(list(self.file.records[row]))
        for column, value in changes.items():
            self.set(len(self.file.records) - 1, column, value)


class _SheetGrid(_Grid):
    def __init__(self, copy: Any, table: str) -> None:
        self.sheet, self.header, self.columns = copy.layout(table)
        self.last = max(
            (c.row for r in self.sheet.iter_rows(min_row=self.header) for c in r if c.value),
            default=self.header,
        )

    def rows(self) -> list[int]:
        return [
            number
            for number in range(self.header + 1, self.last + 1)
            if any(c.value not in (None, "") for c in self.sheet[number])
        ]

    def text(self, row: int, column: str) -> str:
        return workbook_cell_text(self.sheet.cell(row, self.columns[column]))

    def add_column(self, name: str) -> None:
        self.columns[name] = self.sheet.max_column + 1
        self.sheet.cell(self.header, self.columns[name], name)

    def set(self, row: int, column: str, value: object) -> None:
        self.sheet.cell(row, self.columns[column]).value = value  # cell(.., None) would keep it

    def append_copy(self, row: int, changes: dict[str, object]) -> None:
        self.last += 1
        for cell in self.sheet[row]:
            target = self.sheet.cell(self.last, cell.column, cell.value)
            target.number_format = cell.number_format
        for column, value in changes.items():
            self.set(self.last, column, value)


def _set_toml_year(folder: Path, year: int) -> None:
    """The settings' `ar` in installningar.toml becomes the new plan year (comments kept)."""
    for file in folder.iterdir():
        if file.suffix.lower() == ".toml" and normalise_name(file.stem) == SETTINGS_NAME:
            text = file.read_bytes().decode("utf-8-sig")
            changed = _TOML_YEAR.sub(lambda m: f"{m[1]}{year}{m[2]}", text, count=1)
            file.write_bytes(changed.encode("utf-8"))
