"""Quotes that swallow rows: find a CSV value whose opening quote is closed only in a later row
(or never), so that the rows between would be read as part of one cell.

A CSV value may legitimately hold line breaks (Excel writes a comment cell with Alt+Enter as a
quoted value over several lines), so a multi-line value alone is no error. It is taken as glued
rows when one of its later lines looks like a row of the table (as many separators as the
header has, less one) or when the quote is never closed. The check costs nothing for a file
without multi-line values: `loading` calls it only when the reader met fewer rows than lines.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from hsn_analysis.problems import Problem
from hsn_analysis.reading.csv_columns import detect_delimiter
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words.messages import MSG_CSV_ERROR
from hsn_analysis.words.safeguards import (
    CLOSES_AT,
    CLOSES_NEVER,
    GLUED_LINE,
    GLUED_LINES,
    MSG_GLUED_ROWS,
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what csv's reader (newline="") counts as a line


@dataclass(frozen=True)
class GluedRows:
    """One value that swallowed the rows after it.

    `row` is the row as Excel numbers it (records, blank ones included), `line` the line of
    the text file where the quote opens, `closes` the line where it closes (None: never),
    `column` the 0-based position of the value in its row.
    """

    row: int
    line: int
    closes: int | None
    column: int


def glued_row_problems(text: str, headers: tuple[str, ...], source: str) -> list[Problem]:
    """An error, at the row where the quote opens, for every value of `text` (a whole CSV file
    with these `headers`) that swallowed the rows after it."""
    problems = []
    for glued in glued_rows(text, detect_delimiter(text), len(headers)):
        column = headers[glued.column] if glued.column < len(headers) else ""
        first, last = glued.line + 1, glued.closes
        if last is None:
            last = len(_LINE_BREAK.findall(text.rstrip("\r\n"))) + 1
        lines = (GLUED_LINE if last <= first else GLUED_LINES).format(first=first, last=last)
        closes = CLOSES_NEVER if glued.closes is None else CLOSES_AT.format(line=last)
        where = column or f"nr {glued.column + 1}"
        message = MSG_GLUED_ROWS.format(column=where, closes=closes, lines=lines)
        problems.append(Problem(Severity.ERROR, source, message, row=glued.row))
    return problems


def open_last_row_problems(text: str, row: int, source: str) -> list[Problem]:
    """An error at `row` when the last line of `text` (a CSV file in which no value spans
    lines) opens a quote it never closes; csv's reader would drop the quote silently."""
    last = _LINE_BREAK.split(text.rstrip("\r\n"))[-1]
    if not _open_at_end(last, detect_delimiter(text)):
        return []
    return [Problem(Severity.ERROR, source, MSG_CSV_ERROR, row=row)]


def glued_rows(text: str, delimiter: str, width: int) -> list[GluedRows]:
    """Every value in `text` (a whole CSV file) that swallowed rows; `width` is the number of
    header columns."""
    separators = max(1, width - 1)
    found: list[GluedRows] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    total = len(_LINE_BREAK.findall(text)) + (0 if text.endswith(("\n", "\r")) else 1)
    end = 0
    for row, record in enumerate(reader, start=1):
        start, end = end + 1, reader.line_num
        if end == start:
            continue
        line = start
        for column, value in enumerate(record):
            inner = _LINE_BREAK.split(value)
            if len(inner) > 1:
                looks_like_rows = any(part.count(delimiter) >= separators for part in inner[1:])
                never_closed = end >= total and _open_at_end(_raw(text, start, end), delimiter)
                if looks_like_rows or never_closed:
                    closes = None if never_closed else line + len(inner) - 1
                    found.append(GluedRows(row, line, closes, column))
                    break
            line += len(inner) - 1
    return found


def _raw(text: str, first: int, last: int) -> str:
    """Lines `first`..`last` (1-based) of `text` as written."""
    pieces = _LINE_BREAK.split(text)
    return "\n".join(pieces[first - 1 : last])


def _open_at_end(raw: str, delimiter: str) -> bool:
    """Whether a quoted value is still open at the end of `raw` (csv's own quoting rules: a
    quote opens a value only at its start, and two quotes inside one are a quote)."""
    quoted, at_start, i = False, True, 0
    while i < len(raw):
        ch = raw[i]
        if quoted:
            if ch == '"':
                if raw[i + 1 : i + 2] == '"':
                    i += 1
                else:
                    quoted = False
        elif ch == '"' and at_start:
            quoted = True
        at_start = not quoted and ch in (delimiter, "\n")
        i += 1
    return quoted
