"""What reading a dataset gives before any checking: tables of text with their Excel rows."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from hsn_analysis.dataset import SourceFile
from hsn_analysis.problems import Problem


@dataclass(frozen=True)
class RawTable:
    """One CSV file or sheet as text; `cells` has columns 0..n-1 matching `headers` and the
    Excel row numbers as index. Fully empty rows are left out."""

    name: str
    source: str
    headers: tuple[str, ...]
    header_row: int
    cells: pd.DataFrame


@dataclass(frozen=True)
class SettingEntry:
    """One setting as written; `value` is None when it is not a single value (a TOML table)."""

    key: str
    value: str | None
    row: int | None


@dataclass(frozen=True)
class RawSettings:
    source: str
    entries: tuple[SettingEntry, ...]


@dataclass(frozen=True)
class RawData:
    """Everything read from one dataset path, with the problems met while reading."""

    tables: dict[str, RawTable]
    settings: RawSettings | None
    sources: tuple[SourceFile, ...]
    problems: tuple[Problem, ...]
    source_order: tuple[str, ...]  # source labels, settings first then the tables
