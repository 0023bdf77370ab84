"""The settings as read, before they are checked: from `installningar.toml` in a folder, or from
the one row of the `installningar` sheet in a workbook."""

from __future__ import annotations

import re
import tomllib

from hsn_analysis.problems import Problem
from hsn_analysis.reading.cells import toml_value_text
from hsn_analysis.reading.raw import RawSettings, RawTable, SettingEntry
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words.messages import MSG_SETTINGS_ROWS, MSG_TOML_SYNTAX


def parse_toml(text: str, source: str) -> tuple[RawSettings | None, list[Problem]]:
    """Each top-level key with its value as text and its line; None and the problem when the
    text is no TOML."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)(?:, column (\d+))?", str(exc))
        line = int(m[1]) if m else None
        column = f", tecken {m[2]}" if m and m[2] else ""
        message = MSG_TOML_SYNTAX.format(line=line, column=column)
        return None, [Problem(Severity.ERROR, source, message, row=line)]
    lines = _toml_key_lines(text)
    entries = tuple(
        SettingEntry(key, toml_value_text(value), lines.get(key)) for key, value in document.items()
    )
    return RawSettings(source, entries), []


def settings_from_sheet(table: RawTable) -> tuple[RawSettings, list[Problem]]:
    """The settings sheet's headers are the keys and its first filled row the values; any
    further row is an error."""
    source = table.source
    filled = table.cells.index
    message = MSG_SETTINGS_ROWS.format(first=filled[0]) if len(filled) else ""
    problems = [Problem(Severity.ERROR, source, message, row=int(row)) for row in filled[1:]]
    row = int(filled[0]) if len(filled) else table.header_row + 1
    entries = tuple(
        SettingEntry(h, str(table.cells.iloc[0, i]) if len(filled) else "", row)
        for i, h in enumerate(table.headers)
    )
    return RawSettings(source, entries), problems


def _toml_key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key, so that settings problems can name it."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if m := re.match(r"""\s*(?:"([^"]*)"|'([^']*)'|([^=\s]+))\s*=""", line):
            lines.setdefault(next(g for g in m.groups() if g is not None), number)
    return lines
