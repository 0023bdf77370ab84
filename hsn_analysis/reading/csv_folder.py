"""Reading a dataset folder: one CSV file per table and `installningar.toml`, each file's bytes
decoded (UTF-8, Excel's UTF-16 or cp1252) and its rows read with the separator it uses."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from hsn_analysis.reading.cells import normalise_name
from hsn_analysis.reading.collector import Collector
from hsn_analysis.reading.csv_columns import detect_delimiter
from hsn_analysis.reading.csv_limits import MAX_VALUE_CHARS, is_too_long, long_values
from hsn_analysis.reading.csv_quotes import glued_row_problems, open_last_row_problems
from hsn_analysis.reading.raw_settings import parse_toml
from hsn_analysis.reading.schema import OPTIONAL_TABLES, SETTINGS_NAME, TABLE_NAMES
from hsn_analysis.words.messages import (
    MSG_CSV_ERROR,
    MSG_ENCODING,
    MSG_NO_CSV_FILE,
    MSG_NO_SETTINGS_FILE,
    MSG_NUL,
    MSG_SAME_NAME,
    MSG_UNREADABLE,
)
from hsn_analysis.words.safeguards import MSG_VALUE_TOO_LONG


class _LineReader(Protocol):
    """csv's reader: rows, and the lines of text read so far."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


def read_folder(reader: Collector, folder: Path) -> None:
    """Every table's CSV file and the settings file; a missing or doubled one is an error."""
    found: dict[str, list[Path]] = {}
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        reader.error(folder.name, MSG_UNREADABLE.format(reason=exc.strerror or exc))
        return
    for entry in entries:
        name, suffix = normalise_name(entry.stem), entry.suffix.lower()
        if suffix == ".csv" or (suffix == ".toml" and name == SETTINGS_NAME):
            found.setdefault(name, []).append(entry)
    for name in (SETTINGS_NAME, *TABLE_NAMES):
        paths = [p for p in found.get(name, []) if p.is_file()]
        if len(paths) == 1:
            _read_file(reader, name, paths[0])
            continue
        source = "installningar.toml" if name == SETTINGS_NAME else f"{name}.csv"
        reader.order.append(source)
        if paths:
            files = ", ".join(p.name for p in paths)
            reader.error(source, MSG_SAME_NAME.format(what="filer", name=name, files=files))
        elif name == SETTINGS_NAME:
            reader.error(source, MSG_NO_SETTINGS_FILE.format(folder=folder))
        else:
            reader.error(source, MSG_NO_CSV_FILE.format(name=name, folder=folder))
    for name in OPTIONAL_TABLES:
        paths = [p for p in found.get(name, []) if p.is_file()]
        if len(paths) == 1:
            _read_file(reader, name, paths[0])
        elif paths:
            files = ", ".join(p.name for p in paths)
            message = MSG_SAME_NAME.format(what="filer", name=name, files=files)
            reader.error(f"{name}.csv", message)


def _read_file(reader: Collector, name: str, path: Path) -> None:
    reader.order.append(path.name)
    data = reader.read_bytes(path, path.name)
    if data is None:
        return
    if path.suffix.lower() == ".toml":
        text = _decode(reader, data, path.name)
        if text is not None:
            reader.settings, problems = parse_toml(text, path.name)
            reader.problems += problems
    elif (rows := _csv_rows(reader, data, path.name)) is not None:
        with long_values():  # a long comment is read, not taken for a broken quote
            lines = rows()
            try:
                reader.add_table(name, path.name, lines, pad_header=False)
            except csv.Error:  # raised while the rows are read: nothing added before that
                _locate_csv_error(reader, rows(), path.name)
            else:  # fewer rows than lines: a value spans lines; did its quote swallow rows?
                if reader.shape[0] < lines.line_num:
                    _check_quotes(reader, data, path.name)
                elif data.count(b'"') % 2 and (text := _decode(reader, data, path.name)):
                    reader.problems += open_last_row_problems(text, reader.shape[0], path.name)


def _csv_rows(reader: Collector, data: bytes, source: str) -> Callable[[], _LineReader] | None:
    """A fresh reader of the file's rows on each call; None when it is no text.

    The rows are decoded a piece at a time as they are read: the whole text as one string,
    and worse a StringIO of it (four bytes a character), would be alive with the table.
    """
    decoded = _decode_as(reader, data, source)
    if decoded is None:
        return None
    delimiter = detect_delimiter(decoded[0])
    encoding = decoded[1]
    del decoded  # the text was needed only to check the encoding and find the separator

    def rows() -> _LineReader:
        lines = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
        return csv.reader(lines, delimiter=delimiter)

    return rows


def _check_quotes(reader: Collector, data: bytes, source: str) -> None:
    """Every value whose quote swallowed the rows after it is an error (see csv_quotes)."""
    if (decoded := _decode_as(reader, data, source)) is not None:
        reader.problems += glued_row_problems(decoded[0], reader.shape[1], source)


def _locate_csv_error(reader: Collector, rows: Iterator[list[str]], source: str) -> None:
    read = 0
    try:
        for _ in rows:
            read += 1
    except csv.Error as exc:
        long = MSG_VALUE_TOO_LONG.format(limit=f"{MAX_VALUE_CHARS:_}".replace("_", " "))
        reader.error(source, long if is_too_long(exc) else MSG_CSV_ERROR, row=read + 1)


def _decode(reader: Collector, data: bytes, source: str) -> str | None:
    decoded = _decode_as(reader, data, source)
    return None if decoded is None else decoded[0]


def _decode_as(reader: Collector, data: bytes, source: str) -> tuple[str, str] | None:
    """The text and the encoding it was read with; None (and a problem) when no text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        reader.error(source, MSG_NUL, row=data[: data.index(b"\x00")].count(b"\n") + 1)
        return None
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        reader.error(source, MSG_ENCODING.format(offset=exc.start), row=row)
        return None
