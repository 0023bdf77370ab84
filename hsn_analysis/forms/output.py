"""Writing the collected dataset D2: a copy of D with answer rows added or replaced.

A CSV folder keeps its dialect (encoding, byte-order mark, separator, line ends, decimal
comma); a workbook keeps its other sheets and formatting. Every row of D is kept as it was.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import warnings
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hsn_analysis.forms.text_cells import append, put
from hsn_analysis.periods import Period, PeriodError
from hsn_analysis.reading.cells import normalise_name, workbook_cell_text
from hsn_analysis.reading.csv_columns import detect_delimiter
from hsn_analysis.reading.units import REQUIRED as UNIT_REQUIRED
from hsn_analysis.vocabulary import SubgoalStatus
from hsn_analysis.words.labels import SUBGOAL_STATUS_LABEL

Value = str | float | date | None


@dataclass(frozen=True)
class ExistingRow:
    """A row of D for the period being collected: where it is and its cells as text."""

    source: str
    row: int  # as Excel numbers it
    cells: dict[str, str]  # canonical column → text


class DatasetCopy(ABC):
    """D being copied to D2: look up existing rows, change tables, then commit."""

    def __init__(self, source: Path) -> None:
        self.source = source

    @abstractmethod
    def existing(
        self, table: str, key: tuple[str, ...], period: Period
    ) -> dict[tuple[str, ...], ExistingRow]:
        """The rows of `table` for `period`, by the values of the `key` columns (the first when
        a key has two)."""

    @abstractmethod
    def apply(
        self,
        table: str,
        key: tuple[str, ...],
        period: Period,
        rows: list[tuple[tuple[str, ...], dict[str, Value]]],
    ) -> None:
        """Replace the period's row of each key that has one, append the others."""

    @abstractmethod
    def write(self, temporary: Path) -> None:
        """Write the changed copy to `temporary` (beside the final path)."""


def open_copy(source: Path) -> DatasetCopy:
    """A copy of the dataset folder or workbook at `source`."""
    return WorkbookCopy(source) if source.is_file() else FolderCopy(source)


def status_text(code: str) -> str:
    """The status as written in D2: the plan's own phrase (`Kommer delvis att uppnås`)."""
    return SUBGOAL_STATUS_LABEL[SubgoalStatus(code)]


def _period_code(text: str) -> str | None:
    try:
        return Period.parse(text).code
    except PeriodError:
        return None


def _key(cells: dict[str, str], key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(cells.get(column, "") for column in key)


def _header_at(records: list[list[Any]]) -> int | None:
    for i, record in enumerate(records):
        if any(str(c).strip() for c in record if c is not None):
            return i
    return None


# --- a folder of CSV files ------------------------------------------------------------------


@dataclass
class _CsvFile:
    path: Path
    encoding: str
    delimiter: str
    newline: str
    records: list[list[str]]
    header: int
    columns: dict[str, int]

    @property
    def decimal_comma(self) -> bool:
        return self.delimiter != ","


class FolderCopy(DatasetCopy):
    def __init__(self, source: Path) -> None:
        super().__init__(source)
        self.files: dict[str, _CsvFile] = {}

    def file(self, table: str) -> _CsvFile:
        if table in self.files:
            return self.files[table]
        path = next(
            (
                p
                for p in sorted(self.source.iterdir())
                if p.suffix.lower() == ".csv" and normalise_name(p.stem) == table
            ),
            None,
        )
        if path is None:  # an optional table D does not have yet (e.g. the units' answers)
            return self._new_file(table)
        data = path.read_bytes()
        encoding = _encoding(data) or self.folder_encoding()
        text = data.decode(encoding)
        newline = "\r\n" if "\r\n" in text else "\n"
        delimiter = detect_delimiter(text)
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        header = _header_at(records)
        if header is None:  # validation refuses a file without a header: D had none
            raise ValueError(f"{path.name} har ingen rubrikrad")
        columns: dict[str, int] = {}
        for i, name in enumerate(records[header]):
            columns.setdefault(normalise_name(name.lstrip("\ufeff")), i)
        self.files[table] = _CsvFile(path, encoding, delimiter, newline, records, header, columns)
        return self.files[table]

    def _new_file(self, table: str) -> _CsvFile:
        """A table D lacks, in the dialect of D's own answers file: its header grows with the
        columns the answers bring (`apply`)."""
        model = self.file("utfall")
        path = self.source / f"{table}.csv"
        created = _CsvFile(
            path, self.folder_encoding(), model.delimiter, model.newline, [[]], 0, {}
        )
        self.files[table] = created
        return created

    def folder_encoding(self) -> str:
        """For a file of plain ASCII: the encoding the other files show; with none to go by,
        UTF-8 with a byte-order mark, which Excel opens with å, ä and ö intact."""
        for path in sorted(self.source.iterdir()):
            if path.suffix.lower() == ".csv" and (found := _encoding(path.read_bytes())):
                return found
        return "utf-8-sig"

    def existing(
        self, table: str, key: tuple[str, ...], period: Period
    ) -> dict[tuple[str, ...], ExistingRow]:
        file = self.file(table)
        found: dict[tuple[str, ...], ExistingRow] = {}
        for i in range(file.header + 1, len(file.records)):
            record = file.records[i]
            cells = {
                k: record[j].strip() if j < len(record) else "" for k, j in file.columns.items()
            }
            if _period_code(cells.get("period", "")) == period.code:
                found.setdefault(_key(cells, key), ExistingRow(file.path.name, i + 1, cells))
        return found

    def apply(
        self,
        table: str,
        key: tuple[str, ...],
        period: Period,
        rows: list[tuple[tuple[str, ...], dict[str, Value]]],
    ) -> None:
        file = self.file(table)
        existing = self.existing(table, key, period)
        for row_key, values in rows:
            cells = {**dict(zip(key, row_key, strict=True)), "period": period.code, **values}
            for name, value in cells.items():
                if name not in file.columns and value not in (None, ""):
                    file.columns[name] = len(file.records[file.header])
                    file.records[file.header].append(name)
            width = len(file.records[file.header])
            if row_key in existing:
                record = file.records[existing[row_key].row - 1]
            else:
                record = []
                file.records.append(record)
            record += [""] * (width - len(record))
            for name, value in cells.items():
                if name in file.columns:
                    record[file.columns[name]] = _csv_text(name, value, file.decimal_comma)

    def write(self, temporary: Path) -> None:
        shutil.copytree(self.source, temporary)
        for file in self.files.values():
            buffer = io.StringIO(newline="")
            writer = csv.writer(buffer, delimiter=file.delimiter, lineterminator=file.newline)
            writer.writerows(file.records)
            (temporary / file.path.name).write_bytes(buffer.getvalue().encode(file.encoding))


def _encoding(data: bytes) -> str | None:
    """The encoding a file of D was written in; None when it is plain ASCII (any would do)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.isascii():
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _csv_text(key: str, value: Value, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if key == "status":
        return status_text(str(value))
    if isinstance(value, float):
        text = repr(value).removesuffix(".0")
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# --- one workbook -----------------------------------------------------------------------------


class WorkbookCopy(DatasetCopy):
    def __init__(self, source: Path) -> None:
        super().__init__(source)
        from openpyxl import load_workbook

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.book = load_workbook(source)
        self.sheets = {normalise_name(s.title): s for s in self.book.worksheets}

    def layout(self, table: str) -> tuple[Any, int, dict[str, int]]:
        if table not in self.sheets:  # an optional table D does not have yet: its sheet, headed
            sheet = self.book.create_sheet(table)  # by its required columns
            append(sheet, UNIT_REQUIRED[table])
            self.sheets[table] = sheet
        sheet = self.sheets[table]
        records = [list(r) for r in sheet.iter_rows(values_only=True)]
        header = _header_at(records)
        if header is None:
            raise ValueError(f"bladet {sheet.title} har ingen rubrikrad")
        columns: dict[str, int] = {}
        for i, name in enumerate(records[header], start=1):
            if name is not None:
                columns.setdefault(normalise_name(str(name)), i)
        return sheet, header + 1, columns

    def existing(
        self, table: str, key: tuple[str, ...], period: Period
    ) -> dict[tuple[str, ...], ExistingRow]:
        sheet, header, columns = self.layout(table)
        found: dict[tuple[str, ...], ExistingRow] = {}
        for row in sheet.iter_rows(min_row=header + 1):
            cells = {
                k: workbook_cell_text(row[j - 1]) if j <= len(row) else ""
                for k, j in columns.items()
            }
            if _period_code(cells.get("period", "")) == period.code:
                source = f"{self.source.name}, blad {sheet.title}"
                found.setdefault(_key(cells, key), ExistingRow(source, row[0].row, cells))
        return found

    def apply(
        self,
        table: str,
        key: tuple[str, ...],
        period: Period,
        rows: list[tuple[tuple[str, ...], dict[str, Value]]],
    ) -> None:
        existing = self.existing(table, key, period)
        sheet, header, columns = self.layout(table)
        last = max(
            (c.row for r in sheet.iter_rows(min_row=header) for c in r if c.value is not None),
            default=header,
        )
        for row_key, values in rows:
            cells = {**dict(zip(key, row_key, strict=True)), "period": period.code, **values}
            for name, value in cells.items():
                if name not in columns and value not in (None, ""):
                    columns[name] = sheet.max_column + 1
                    put(sheet, header, columns[name], name)
            if row_key in existing:
                number = existing[row_key].row
            else:
                last += 1
                number = last
            for name, value in cells.items():
                if name in columns:
                    put(sheet, number, columns[name], _workbook_value(name, value))

    def write(self, temporary: Path) -> None:
        self.book.save(temporary)


def _workbook_value(key: str, value: Value) -> object:
    if key == "status" and value is not None:
        return status_text(str(value))
    if isinstance(value, datetime):
        return value.date()
    return value


def commit(temporary: Path, destination: Path) -> None:
    """Move the finished copy into place; never over an existing dataset."""
    if destination.exists():  # rename would silently replace an empty folder or a file
        raise FileExistsError(destination)
    os.rename(temporary, destination)


def remove(temporary: Path) -> None:
    """Remove a copy that will not be committed."""
    if temporary.is_dir():
        shutil.rmtree(temporary, ignore_errors=True)
    else:
        temporary.unlink(missing_ok=True)
