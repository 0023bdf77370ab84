"""The shape of a form, shared by the writer (`mall`) and the reader (`samla`): sheets,
columns, which are locked, the hidden sheet that says what the form is, and file names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum

from hsn_analysis.periods import Period
from hsn_analysis.reading.file_names import RESERVED
from hsn_analysis.words import forms as words

TITLE_ROW = 1
HEADER_ROW = 2
FIRST_ROW = 3  # the first row of answers, as Excel numbers it

INFO_SHEET = "formular"  # very hidden: what the form is, for `samla`
INFO_KIND = "hsn-formular"
INFO_VERSION = "1"


class Kind(StrEnum):
    """What a column holds: decides its format, validation and how it is read back."""

    TEXT = "text"
    LONG_TEXT = "long_text"  # wrapped
    NUMBER = "number"
    STATUS = "status"  # a drop-down of the status words
    DATE = "date"
    UNIT_VALUE = "unit_value"  # ja/nej (a drop-down) on an andel_ja row, else a number


@dataclass(frozen=True)
class Column:
    """One column of a form sheet. Locked columns show the plan (`key` names the attribute of
    the row); open columns are answers (`key` names the column of the dataset table)."""

    key: str
    header: str  # may hold {current} and {previous}: the period's and the previous tertial's
    width: float
    kind: Kind
    locked: bool
    centred: bool = False  # a short code beside a number reads better apart from it

    def header_for(self, period: Period) -> str:
        """The header as written in the form of `period`."""
        return self.header.format(current=period.short_label, previous=period.previous.short_label)


@dataclass(frozen=True)
class SheetLayout:
    """One sheet of answers: which dataset table they go to and under which id column."""

    name: str
    title: str
    table: str  # bedomningar or utfall
    id_column: str  # the id column of that table
    what: str  # "Delmålet" / "Indikatorn", for messages
    columns: tuple[Column, ...]
    unit_column: str = ""  # on a unit's form: the table's unit column, filled from the form

    @property
    def key(self) -> tuple[str, ...]:
        """The columns that name one row of the table within a period."""
        return (self.id_column, self.unit_column) if self.unit_column else (self.id_column,)

    @property
    def answers(self) -> tuple[Column, ...]:
        """The open columns, in order."""
        return tuple(c for c in self.columns if not c.locked)


SUBGOAL_SHEET = SheetLayout(
    words.SHEET_SUBGOALS,
    words.TITLE_SUBGOALS,
    "bedomningar",
    "delmal_id",
    words.WHAT_SUBGOAL,
    (
        Column("subgoal_id", words.HEADER_SUBGOAL_ID, 11, Kind.TEXT, locked=True),
        Column("name", words.HEADER_SUBGOAL, 45, Kind.LONG_TEXT, locked=True),
        Column("previous_status", words.HEADER_PREVIOUS_STATUS, 16, Kind.LONG_TEXT, locked=True),
        Column("previous_comment", words.HEADER_PREVIOUS_COMMENT, 55, Kind.LONG_TEXT, locked=True),
        Column("status", words.HEADER_STATUS, 26, Kind.STATUS, locked=False),
        Column("kommentar", words.HEADER_COMMENT, 60, Kind.LONG_TEXT, locked=False),
        Column("forfattare", words.HEADER_AUTHOR, 22, Kind.TEXT, locked=False),
        Column("datum", words.HEADER_DATE, 12, Kind.DATE, locked=False),
    ),
)
INDICATOR_SHEET = SheetLayout(
    words.SHEET_INDICATORS,
    words.TITLE_INDICATORS,
    "utfall",
    "indikator_id",
    words.WHAT_INDICATOR,
    (
        Column("indicator_id", words.HEADER_INDICATOR_ID, 12, Kind.TEXT, locked=True),
        Column("subgoal_id", words.HEADER_SUBGOAL_ID, 10, Kind.TEXT, locked=True),
        Column("name", words.HEADER_INDICATOR, 50, Kind.LONG_TEXT, locked=True),
        Column("unit", words.HEADER_UNIT, 12, Kind.LONG_TEXT, locked=True),
        Column("target", words.HEADER_TARGET, 10, Kind.NUMBER, locked=True),
        Column("last_value", words.HEADER_LAST_VALUE, 10, Kind.NUMBER, locked=True),
        Column(
            "last_period", words.HEADER_LAST_PERIOD, 12, Kind.LONG_TEXT, locked=True, centred=True
        ),
        Column("varde", words.HEADER_VALUE, 12, Kind.NUMBER, locked=False),
        Column("kommentar", words.HEADER_COMMENT, 60, Kind.LONG_TEXT, locked=False),
    ),
)
SHEETS = (SUBGOAL_SHEET, INDICATOR_SHEET)
# A unit's form: the same sheets, answered into the unit tables.
UNIT_SUBGOAL_SHEET = replace(SUBGOAL_SHEET, table="enhetsbedomningar", unit_column="enhet_id")
UNIT_INDICATOR_SHEET = replace(
    INDICATOR_SHEET,
    table="enhetsutfall",
    unit_column="enhet_id",
    columns=tuple(
        replace(c, header=words.HEADER_LAST_UNIT_VALUE)
        if c.key == "last_value"
        else replace(c, kind=Kind.UNIT_VALUE)
        if c.key == "varde"
        else c
        for c in INDICATOR_SHEET.columns
    ),
)
UNIT_SHEETS = (UNIT_SUBGOAL_SHEET, UNIT_INDICATOR_SHEET)
ALL_SHEETS = SHEETS + UNIT_SHEETS


def sheets_for(split: str) -> tuple[SheetLayout, SheetLayout]:
    """The answer sheets of a form of `split` (`fordelning` of its info sheet)."""
    return UNIT_SHEETS if split == "enhet" else SHEETS


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def safe_name(text: str, limit: int = 80) -> str:
    """A role as a file-name part that Windows, macOS and mail clients all accept.

    Swedish letters stay (a secretary must see whose form it is); characters no file system
    takes become a space; the result is never empty or a reserved Windows name.
    """
    name = _UNSAFE.sub(" ", unicodedata.normalize("NFC", text))
    name = " ".join(name.split())[:limit].strip(" .")
    if not name or name.casefold() in RESERVED:
        name = f"_{name}"
    return name


def file_names(owners: list[str | None], period: Period) -> list[str]:
    """One distinct file name per form; two roles that read alike get (2), (3) …"""
    names: list[str] = []
    taken: set[str] = set()
    for owner in owners:
        if owner is None:
            base = words.FILE_NAME_WHOLE.format(period=period.code)
        else:
            base = words.FILE_NAME.format(period=period.code, owner=safe_name(owner))
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = base.removesuffix(".xlsx") + f" ({n}).xlsx"
        taken.add(name.casefold())
        names.append(name)
    return names
