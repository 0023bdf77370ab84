"""Parsers for single cells, whole columns and the settings row, in every spelling users write.

Column parsers take a Series of stripped text ("" when empty) and return the parsed values with
NaN/NaT where a cell is empty or unreadable; the caller decides which of those are problems.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import pandas as pd

from hsn_analysis.dataset import DEFAULT_YELLOW_FROM, Settings
from hsn_analysis.periods import Period, PeriodError
from hsn_analysis.problems import Problem
from hsn_analysis.vocabulary import Frequency, RollupRule, Severity, SubgoalStatus, TargetType
from hsn_analysis.words import labels
from hsn_analysis.words.messages import (
    MSG_SETTING_INVALID,
    MSG_SETTING_MISSING,
    MSG_SETTING_NOT_SINGLE,
    MSG_SETTING_TWICE,
    MSG_SETTING_UNKNOWN,
    SETTING_HINTS,
)

if TYPE_CHECKING:
    from hsn_analysis.reading.raw import RawSettings, SettingEntry

T = TypeVar("T")

# Thousands separators Excel writes: ordinary space, no-break space, narrow no-break space.
_GROUP = "[ \u00a0\u202f]"
_NUMBER = re.compile(
    rf"(?P<sign>[+\-\u2212]?)\s*"
    rf"(?P<int>[0-9]{{1,3}}(?:{_GROUP}[0-9]{{3}})+|[0-9]*)"
    r"(?:[.,](?P<frac>[0-9]+))?"
    r"(?P<exp>[eE][+\-]?[0-9]+)?"
    r"\s*%?"
)
_YEAR = re.compile(r"([0-9]{4})(?:[.,]0+)?")
_DATE = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?)?"
)


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: `Kommer  att Uppnås` → `kommer att uppnas`."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\ufeff", ""))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def normalise_name(text: str) -> str:
    """A header, file, sheet or key name as a code: `Indikator ID` → `indikator_id`."""
    return re.sub(r"[\s_\-]+", "_", fold(text)).strip("_")


def _words(mapping: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {fold(word): code for code, words in mapping.items() for word in words}


STATUS_WORDS = _words(
    {
        SubgoalStatus.GREEN.value: ("uppnås", "kommer att uppnås", "grön", "green"),
        SubgoalStatus.YELLOW.value: (
            "delvis",
            "kommer delvis att uppnås",
            "delvis kommer att uppnås",
            "uppnås delvis",
            "delvis uppnås",
            "gul",
            "yellow",
        ),
        SubgoalStatus.RED.value: (
            "uppnås ej",
            "uppnås inte",
            "ej uppnås",
            "inte uppnås",
            "kommer inte att uppnås",
            "kommer ej att uppnås",
            "röd",
            "red",
        ),
    }
)
TARGET_TYPE_WORDS = _words({t.value: (t.value,) for t in TargetType})
FREQUENCY_WORDS = _words({f.value: (f.value,) for f in Frequency}) | {"hel ar": "helår"}
ROLLUP_WORDS = _words({r.value: (r.value,) for r in RollupRule})
_BOOLEAN_WORDS = _words({"1": ("true", "sant", "ja", "1"), "0": ("false", "falskt", "nej", "0")})


def parse_number(text: str) -> float | None:
    """`1 234,5`, `90 %`, `−3`, `12.5` → a float; None when the text is not a number."""
    m = _NUMBER.fullmatch(text.strip())
    if m is None or not (m["int"] or m["frac"]):
        return None
    sign = "-" if m["sign"] in ("-", "\u2212") else ""
    digits = re.sub(_GROUP, "", m["int"]) or "0"
    value = float(f"{sign}{digits}.{m['frac'] or '0'}{m['exp'] or ''}")
    return value if np.isfinite(value) else None


def parse_number_column(text: pd.Series) -> pd.Series:
    """Numbers of a column (NaN where empty or unreadable); each distinct text is parsed once."""
    # Numbers repeat: a large `utfall` has millions of cells but only thousands of distinct
    # texts, and an empty cell is one of them. A dict finds them without the hash table of
    # every row and the array of codes that pandas' factorize would make.
    cells = text.to_numpy(dtype=object)
    distinct = list(dict.fromkeys(cells))
    parsed = dict(zip(distinct, _parse_numbers(distinct), strict=True))
    values = np.fromiter(map(parsed.__getitem__, cells), dtype="float64", count=len(cells))
    return pd.Series(values, index=text.index)


def _parse_numbers(texts: list[str]) -> list[float]:
    """Numbers of texts (NaN where empty or unreadable); plain numbers take a vectorised path."""
    if not any(texts):
        return [np.nan] * len(texts)
    # Decimal comma → point on all texts as one string: far faster than per text.
    pointed = "\n".join(texts).replace(",", ".").split("\n")
    if len(pointed) != len(texts):  # a text with a line break
        pointed = [t.replace(",", ".") for t in texts]
    numbers = pd.to_numeric(pd.Series(pointed, dtype=object), errors="coerce")
    values: list[float] = numbers.astype("float64").tolist()
    # Only texts pandas could not read (spaces, %, unicode minus) or read as inf/nan words
    # go through the exact parser.
    for i, value in enumerate(values):
        if not math.isfinite(value) and texts[i]:
            number = parse_number(texts[i])
            values[i] = np.nan if number is None else number
    return values


def parse_year(text: str) -> int | None:
    """`2025` or `2025.0` (a numeric Excel cell) → 2025; None otherwise."""
    m = _YEAR.fullmatch(text.strip())
    if m is None or not 1900 <= int(m[1]) <= 2999:
        return None
    return int(m[1])


COUNTRY_AREA = "0000"  # riket in Kolada
_AREA_ID = re.compile(r"[0-9]{1,4}(?:[.,]0+)?")


def parse_area_id(text: str) -> str | None:
    """Kolada's area id with its leading zeros, `24` or `0024` → `0024`; None otherwise.

    A region is written as a number in Excel or TOML as easily as text, which loses the zeros.
    """
    text = text.strip()
    if _AREA_ID.fullmatch(text) is None:
        return None
    return re.split(r"[.,]", text)[0].zfill(4)


def parse_region_id(text: str) -> str | None:
    """A region's area id: as `parse_area_id`, but never riket (0000)."""
    area = parse_area_id(text)
    return None if area == COUNTRY_AREA else area


def parse_bool(text: str) -> bool | None:
    """true/false, sant/falskt, ja/nej, 1/0 in any case; None otherwise."""
    code = _BOOLEAN_WORDS.get(fold(text))
    return None if code is None else code == "1"


def parse_date(text: str) -> datetime | None:
    """ISO `2025-09-26`, also with a time (`2025-09-26 00:00:00`); None otherwise."""
    m = _DATE.fullmatch(text.strip())
    if m is None:
        return None
    year, month, day, hour, minute, second = (int(p) for p in m.groups(default="0"))
    try:
        value = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    return value if 1900 <= value.year <= 2200 else None  # datetime64[ns] ends in 2262


def parse_date_column(text: pd.Series) -> pd.Series:
    """Dates of a column as datetime64 (NaT where empty or unreadable)."""
    parsed = {v: parse_date(v) for v in text.unique() if v != ""}
    return pd.to_datetime(text.map(parsed)).astype("datetime64[ns]")


def parse_period_column(text: pd.Series) -> tuple[pd.Series, dict[str, str]]:
    """Canonical period codes of a column (NaN where empty or unreadable), and a Swedish
    message for each distinct text that is not a period."""
    codes: dict[str, str] = {}
    errors: dict[str, str] = {}
    for value in text.unique():
        if value == "":
            continue
        try:
            codes[value] = Period.parse(value).code
        except PeriodError as exc:  # add what is valid when the reason alone does not say it
            hint = labels.period_hint(value)
            errors[value] = hint if str(exc) == hint else f"{str(exc).capitalize()}. {hint}"
    return text.map(codes), errors


def map_words(text: pd.Series, words: dict[str, str]) -> pd.Series:
    """The code of each cell's word (NaN where empty or not in `words`), any case and accents."""
    codes = {v: words.get(fold(v)) for v in text.unique() if v != ""}
    return text.map(codes)


# --- values from a workbook or TOML as the text a CSV file would hold ---------------------


def toml_value_text(value: object) -> str | None:
    """A TOML value as text; None for arrays and tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return plain_number_text(
            Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        )
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value if isinstance(value, str) else None


def plain_number_text(value: Decimal) -> str:
    """Plain digits, never an exponent: `2025.0` → `2025`, `1e-07` → `0.0000001`."""
    if not value.is_finite():
        return str(value)
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def is_percent_format(number_format: str | None) -> bool:
    """True for formats such as `0%` or `0,0 %` that show a stored 0.9 as 90 %."""
    unquoted = re.sub(r'"[^"]*"|\\.', "", number_format or "")
    return "%" in unquoted


def workbook_cell_text(cell: object) -> str:
    """A workbook cell as the text a CSV export of it would hold."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"  # as Swedish Excel shows them
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if is_percent_format(getattr(cell, "number_format", None)):
            return f"{plain_number_text(number * 100)} %"
        return plain_number_text(number)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    return str(value).strip()


# --- settings: one value per key, from installningar.toml or the installningar sheet -------


def check_settings(raw: RawSettings | None) -> tuple[Settings | None, list[Problem]]:
    """The settings, or None with the problems that prevent them (None input: already reported)."""
    if raw is None:
        return None, []
    problems: list[Problem] = []
    entries: dict[str, SettingEntry] = {}

    def problem(entry: SettingEntry, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(severity, raw.source, message, entry.row, entry.key, entry.value))

    for entry in raw.entries:
        key = normalise_name(entry.key)
        if key not in SETTING_HINTS:
            problem(entry, MSG_SETTING_UNKNOWN, Severity.WARNING)
        elif key in entries:
            problem(entry, MSG_SETTING_TWICE.format(key=key, first=entries[key].key))
        elif entry.value is None:
            problem(entry, MSG_SETTING_NOT_SINGLE)
            entries[key] = entry
        else:
            entries[key] = entry

    def value(key: str, parse: Callable[[str], T | None], required: bool = False) -> T | None:
        entry = entries.get(key)
        if entry is None or entry.value == "":
            if required:
                where = (entry.row, entry.key) if entry else (None, key)
                message = MSG_SETTING_MISSING.format(key=key, hint=SETTING_HINTS[key])
                problems.append(Problem(Severity.ERROR, raw.source, message, *where))
            return None
        if entry.value is None:
            return None  # reported above
        parsed = parse(entry.value)
        if parsed is None:
            problem(entry, MSG_SETTING_INVALID.format(hint=SETTING_HINTS[key]))
        return parsed

    def yellow_from(text: str) -> float | None:
        number = parse_number(text)
        return number if number is not None and 0 <= number <= 100 else None

    name = value("namn", lambda text: text.strip() or None, required=True)
    year = value("ar", parse_year, required=True)
    yellow = value("gul_fran", yellow_from)
    rule = value("malstatus_regel", lambda text: ROLLUP_WORDS.get(fold(text)))
    example = value("exempeldata", parse_bool)
    kolada_id = value("kolada_id", parse_region_id)
    case_number = value("diarienummer", _text)
    when = value("dokumentdatum", parse_date)
    version = value("version", _text)
    decided_by = value("beslutsinstans", _text)
    if name is None or year is None or any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    settings = Settings(
        board_name=name,
        year=year,
        yellow_from=DEFAULT_YELLOW_FROM if yellow is None else yellow,
        rollup_rule=RollupRule.MAJORITY if rule is None else RollupRule(rule),
        example_data=bool(example),
        kolada_id=kolada_id,
        case_number=case_number or "",
        document_date=when.date() if when else None,
        document_version=version or "",
        decided_by=decided_by or "",
    )
    return settings, problems


def _text(text: str) -> str | None:
    return " ".join(text.split()) or None
