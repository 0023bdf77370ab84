"""Reading a dataset folder (CSV + TOML) or one .xlsx workbook into raw tables of text.

Every cell becomes the text the user sees (stripped; "" when empty), every row keeps its Excel
row number, and every file that cannot be read becomes a `Problem` instead of an exception.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import itertools
import re
import tomllib
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import pandas as pd

from hsn_analysis.dataset import SourceFile
from hsn_analysis.problems import Problem
from hsn_analysis.reading.cells import normalise_name, toml_value_text, workbook_cell_text
from hsn_analysis.reading.csv_columns import Columns, detect_delimiter
from hsn_analysis.reading.csv_limits import MAX_VALUE_CHARS, is_too_long, long_values
from hsn_analysis.reading.csv_quotes import glued_row_problems, open_last_row_problems
from hsn_analysis.reading.raw import RawData, RawSettings, RawTable, SettingEntry
from hsn_analysis.reading.workbook_checks import sheet_problems
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words.messages import (
    MSG_BAD_SHEET,
    MSG_CSV_ERROR,
    MSG_EMPTY,
    MSG_ENCODING,
    MSG_EXTRA_VALUES,
    MSG_NO_CSV_FILE,
    MSG_NO_HEADER,
    MSG_NO_SETTINGS_FILE,
    MSG_NO_SHEET,
    MSG_NOT_DATASET,
    MSG_NOT_WORKBOOK,
    MSG_NUL,
    MSG_OLD_XLS,
    MSG_SAME_NAME,
    MSG_SETTINGS_ROWS,
    MSG_TOML_SYNTAX,
    MSG_UNREADABLE,
)
from hsn_analysis.words.safeguards import MSG_EMPTY_TABLE, MSG_VALUE_TOO_LONG
from hsn_analysis.words.signals_text import JAMFORELSER_EXAMPLE_HEADERS

if TYPE_CHECKING:  # openpyxl loads only when a workbook is read: CSV folders and the report
    from openpyxl.workbook.workbook import Workbook, _WorksheetLike  # kernel never need it


class _LineReader(Protocol):
    """csv's reader: rows, and the lines of text read so far."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


TABLE_NAMES = ("mal", "delmal", "indikatorer", "utfall", "bedomningar")
# Read when present, never missed: comparisons (Kolada) are an addition to the follow-up,
# and a dataset without the basenheter's tables has no basenheter.
OPTIONAL_TABLES = (
    "jamforelser",
    "enheter",
    "enhetsutfall",
    "enhetsbedomningar",
    "malbedomningar",  # a comment per mål and period (issue 15)
    "analys",  # the administration's summary of the tertial (issue 15)
)
SETTINGS_NAME = "installningar"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read_dataset(path: Path) -> RawData:
    """Read a folder of CSV files or one workbook; the path must exist."""
    reader = _Reader()
    # openpyxl warns about Excel features it drops (data validation, odd dates); the user
    # can do nothing about those, and every real problem is reported as a Problem.
    with _collector_paused(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if path.is_dir():
            reader.read_folder(path)
        elif path.suffix.lower() in WORKBOOK_SUFFIXES:
            reader.read_workbook(path)
        else:
            message = MSG_OLD_XLS if path.suffix.lower() == ".xls" else MSG_NOT_DATASET
            reader.error(path.name, message.format(name=path.name))
    return RawData(
        reader.tables,
        reader.settings,
        tuple(reader.sources),
        tuple(reader.problems),
        tuple(reader.order),
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the garbage collector: scanning millions of fresh row lists triples the reading
    time of a large file, and reading makes no reference cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Reader:
    """Collects tables, sources and problems while one dataset is read."""

    def __init__(self) -> None:
        self.tables: dict[str, RawTable] = {}
        self.settings: RawSettings | None = None
        self.sources: list[SourceFile] = []
        self.problems: list[Problem] = []
        self.order: list[str] = []
        # The rows (blank ones included) and the headers of the table read last.
        self.shape: tuple[int, tuple[str, ...]] = (0, ())

    def error(
        self, source: str, message: str, row: int | None = None, value: str | None = None
    ) -> None:
        self.problems.append(Problem(Severity.ERROR, source, message, row=row, value=value))

    def warning(
        self, source: str, message: str, row: int | None = None, value: str | None = None
    ) -> None:
        self.problems.append(Problem(Severity.WARNING, source, message, row=row, value=value))

    def read_bytes(self, path: Path, source: str) -> bytes | None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.error(source, MSG_UNREADABLE.format(reason=exc.strerror or exc))
            return None
        self.sources.append(SourceFile(path.name, hashlib.sha256(data).hexdigest()))
        return data

    def read_folder(self, folder: Path) -> None:
        found: dict[str, list[Path]] = {}
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            self.error(folder.name, MSG_UNREADABLE.format(reason=exc.strerror or exc))
            return
        for entry in entries:
            name, suffix = normalise_name(entry.stem), entry.suffix.lower()
            if suffix == ".csv" or (suffix == ".toml" and name == SETTINGS_NAME):
                found.setdefault(name, []).append(entry)
        for name in (SETTINGS_NAME, *TABLE_NAMES):
            paths = [p for p in found.get(name, []) if p.is_file()]
            if len(paths) == 1:
                self.read_file(name, paths[0])
                continue
            source = "installningar.toml" if name == SETTINGS_NAME else f"{name}.csv"
            self.order.append(source)
            if paths:
                files = ", ".join(p.name for p in paths)
                self.error(source, MSG_SAME_NAME.format(what="filer", name=name, files=files))
            elif name == SETTINGS_NAME:
                self.error(source, MSG_NO_SETTINGS_FILE.format(folder=folder))
            else:
                self.error(source, MSG_NO_CSV_FILE.format(name=name, folder=folder))
        for name in OPTIONAL_TABLES:
            paths = [p for p in found.get(name, []) if p.is_file()]
            if len(paths) == 1:
                self.read_file(name, paths[0])
            elif paths:
                files = ", ".join(p.name for p in paths)
                message = MSG_SAME_NAME.format(what="filer", name=name, files=files)
                self.error(f"{name}.csv", message)

    def read_file(self, name: str, path: Path) -> None:
        self.order.append(path.name)
        data = self.read_bytes(path, path.name)
        if data is None:
            return
        if path.suffix.lower() == ".toml":
            self.settings = self.parse_toml(data, path.name)
        elif (rows := self.csv_rows(data, path.name)) is not None:
            with long_values():  # a long comment is read, not taken for a broken quote
                reader = rows()
                try:
                    self.add_table(name, path.name, reader, pad_header=False)
                except csv.Error:  # raised while the rows are read: nothing added before that
                    self.locate_csv_error(rows(), path.name)
                else:  # fewer rows than lines: a value spans lines; did its quote swallow rows?
                    if self.shape[0] < reader.line_num:
                        self.check_quotes(data, path.name)
                    elif data.count(b'"') % 2 and (text := self.decode(data, path.name)):
                        self.problems += open_last_row_problems(text, self.shape[0], path.name)

    def read_workbook(self, path: Path) -> None:
        self.order.append(path.name)
        data = self.read_bytes(path, path.name)
        if data is None:
            return
        import openpyxl  # here, not at the top: see TYPE_CHECKING above

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # a damaged or foreign file raises any of a dozen exception types
            self.error(path.name, MSG_NOT_WORKBOOK)
            return
        try:
            self.read_sheets(book, path.name)
        finally:
            book.close()

    def read_sheets(self, book: Workbook, file_name: str) -> None:
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
                self.error(file_name, message)
                continue
            sheet = matches[0]
            source = f"{file_name}, blad {sheet.title}"
            self.order.append(source)
            try:
                sheet.reset_dimensions()  # a wrong stored size would cut rows off
                records = [[workbook_cell_text(c) for c in row] for row in sheet.iter_rows()]
            except Exception:  # damaged sheet XML
                self.error(source, MSG_BAD_SHEET)
                continue
            self.problems += sheet_problems(book, sheet, name, source)
            self.add_table(name, source, records, pad_header=True)

    def csv_rows(self, data: bytes, source: str) -> Callable[[], _LineReader] | None:
        """A fresh reader of the file's rows on each call; None when it is no text.

        The rows are decoded a piece at a time as they are read: the whole text as one string,
        and worse a StringIO of it (four bytes a character), would be alive with the table.
        """
        decoded = self.decode_as(data, source)
        if decoded is None:
            return None
        delimiter = detect_delimiter(decoded[0])
        encoding = decoded[1]
        del decoded  # the text was needed only to check the encoding and find the separator

        def rows() -> _LineReader:
            lines = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
            return csv.reader(lines, delimiter=delimiter)

        return rows

    def check_quotes(self, data: bytes, source: str) -> None:
        """Every value whose quote swallowed the rows after it is an error (see csv_quotes)."""
        if (decoded := self.decode_as(data, source)) is not None:
            self.problems += glued_row_problems(decoded[0], self.shape[1], source)

    def locate_csv_error(self, rows: Iterator[list[str]], source: str) -> None:
        read = 0
        try:
            for _ in rows:
                read += 1
        except csv.Error as exc:
            long = MSG_VALUE_TOO_LONG.format(limit=f"{MAX_VALUE_CHARS:_}".replace("_", " "))
            self.error(source, long if is_too_long(exc) else MSG_CSV_ERROR, row=read + 1)

    def decode(self, data: bytes, source: str) -> str | None:
        decoded = self.decode_as(data, source)
        return None if decoded is None else decoded[0]

    def decode_as(self, data: bytes, source: str) -> tuple[str, str] | None:
        """The text and the encoding it was read with; None (and a problem) when no text."""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16
            try:
                return data.decode("utf-16"), "utf-16"
            except UnicodeDecodeError:
                pass
        if b"\x00" in data:
            self.error(source, MSG_NUL, row=data[: data.index(b"\x00")].count(b"\n") + 1)
            return None
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            row = data[: exc.start].count(b"\n") + 1
            self.error(source, MSG_ENCODING.format(offset=exc.start), row=row)
            return None

    def parse_toml(self, data: bytes, source: str) -> RawSettings | None:
        text = self.decode(data, source)
        if text is None:
            return None
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)(?:, column (\d+))?", str(exc))
            line = int(m[1]) if m else None
            column = f", tecken {m[2]}" if m and m[2] else ""
            self.error(source, MSG_TOML_SYNTAX.format(line=line, column=column), row=line)
            return None
        lines = _toml_key_lines(text)
        entries = tuple(
            SettingEntry(key, toml_value_text(value), lines.get(key))
            for key, value in document.items()
        )
        return RawSettings(source, entries)

    def add_table(
        self, name: str, source: str, rows: Iterable[list[str]], *, pad_header: bool
    ) -> None:
        table = self.build_table(name, source, rows, pad_header=pad_header)
        if table is None:
            return
        if name != SETTINGS_NAME:
            self.tables[name] = table
            return
        filled = table.cells.index
        for row in filled[1:]:
            self.error(source, MSG_SETTINGS_ROWS.format(first=filled[0]), row=int(row))
        row = int(filled[0]) if len(filled) else table.header_row + 1
        entries = tuple(
            SettingEntry(h, str(table.cells.iloc[0, i]) if len(filled) else "", row)
            for i, h in enumerate(table.headers)
        )
        self.settings = RawSettings(source, entries)

    def build_table(
        self, name: str, source: str, rows: Iterable[list[str]], *, pad_header: bool
    ) -> RawTable | None:
        rows = iter(rows)
        header_row = 0
        for record in rows:
            header_row += 1
            if any(c.strip() for c in record):
                break
        else:
            what = "Bladet" if ", blad " in source else "Filen"
            example = "namn, ar" if name == SETTINGS_NAME else _EXAMPLE_HEADERS[name]
            self.error(source, MSG_EMPTY.format(what=what, example=example))
            return None
        headers = [h.strip().lstrip("\ufeff").strip() for h in record]
        body = Columns(len(headers))
        while chunk := list(itertools.islice(rows, _CHUNK_ROWS)):
            body.add(chunk)
        self.shape = (header_row + body.rows, tuple(headers))
        width, n = len(body.columns), body.rows
        if pad_header:  # in a sheet, a value right of the last header is a column without one
            headers += [""] * (width - len(headers))
        stripped = body.arrays()
        index = pd.RangeIndex(header_row + 1, header_row + 1 + n)
        # One block per column, not copied into one: each can be let go on its own.
        frame = pd.DataFrame(dict(enumerate(stripped)), index=index, dtype=object, copy=False)
        if width:  # drop fully empty rows; only rows with an empty first cell can be
            blank = np.flatnonzero(stripped[0] == "")
            for col in stripped[1:]:
                blank = blank[col[blank] == ""]
            if len(blank):
                frame = frame.drop(index[blank])
        del stripped
        if frame.empty and name in TABLE_NAMES:
            what = "Bladet" if ", blad " in source else "Filen"
            self.warning(source, MSG_EMPTY_TABLE.format(what=what), row=header_row)
        self.report_extra_values(frame, len(headers), source)
        keep = [i for i, header in enumerate(headers) if header]
        for i in sorted(set(range(len(headers))) - set(keep)):
            filled = frame.loc[frame[i] != "", i]
            if len(filled):  # a spacer column without values is no loss
                message = MSG_NO_HEADER.format(n=i + 1)
                self.warning(source, message, row=header_row, value=str(filled.iloc[0]))
        if len(keep) < width:
            frame = frame[keep]
        cells = frame.set_axis(range(len(keep)), axis=1)
        return RawTable(name, source, tuple(headers[i] for i in keep), header_row, cells)

    def report_extra_values(self, frame: pd.DataFrame, width: int, source: str) -> None:
        """Values beyond the header line mean the separator split a value (CSV only)."""
        extra = frame.iloc[:, width:]
        if extra.empty:
            return
        bad = (extra != "").any(axis=1)
        for row, values in zip(extra.index[bad], extra[bad].to_numpy().tolist(), strict=True):
            while not values[-1]:
                values.pop()
            message = MSG_EXTRA_VALUES.format(n=width + len(values), width=width)
            self.error(source, message, row=int(row), value=";".join(values))


_CHUNK_ROWS = 10_000  # rows read before they are moved into the columns
_EXAMPLE_HEADERS = {
    "mal": "mal_id, namn",
    "delmal": "delmal_id, mal_id, namn",
    "indikatorer": "indikator_id, delmal_id, namn, maltyp, malvarde, enhet, frekvens",
    "utfall": "indikator_id, period, varde, malvarde, kommentar",
    "bedomningar": "delmal_id, period, status, kommentar, forfattare, datum",
    "jamforelser": JAMFORELSER_EXAMPLE_HEADERS,
    "enheter": "enhet_id, namn, omrade, ansvarig",
    "enhetsutfall": "indikator_id, enhet_id, period, varde, kommentar",
    "enhetsbedomningar": "delmal_id, enhet_id, period, status, kommentar, forfattare, datum",
}


def _toml_key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key, so that settings problems can name it."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if m := re.match(r"""\s*(?:"([^"]*)"|'([^']*)'|([^=\s]+))\s*=""", line):
            lines.setdefault(next(g for g in m.groups() if g is not None), number)
    return lines
