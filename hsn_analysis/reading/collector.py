"""Collecting one dataset's raw tables, settings, sources and problems while it is read, and
turning rows of text cells (from a CSV file or a sheet) into a `RawTable`."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from hsn_analysis.dataset import SourceFile
from hsn_analysis.problems import Problem
from hsn_analysis.reading.csv_columns import Columns
from hsn_analysis.reading.raw import RawSettings, RawTable
from hsn_analysis.reading.raw_settings import settings_from_sheet
from hsn_analysis.reading.schema import SETTINGS_NAME, TABLE_NAMES
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words.messages import MSG_EMPTY, MSG_EXTRA_VALUES, MSG_NO_HEADER, MSG_UNREADABLE
from hsn_analysis.words.safeguards import MSG_EMPTY_TABLE
from hsn_analysis.words.signals_text import JAMFORELSER_EXAMPLE_HEADERS


class Collector:
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

    def add_table(
        self, name: str, source: str, rows: Iterable[list[str]], *, pad_header: bool
    ) -> None:
        table = self.build_table(name, source, rows, pad_header=pad_header)
        if table is None:
            return
        if name != SETTINGS_NAME:
            self.tables[name] = table
            return
        self.settings, problems = settings_from_sheet(table)
        self.problems += problems

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
    "enheter": "enhet_id, namn, omrade, ansvarig, e_post",
    "ansvariga": "ansvarig, namn, e_post",
    "enhetsutfall": "indikator_id, enhet_id, period, varde, kommentar",
    "enhetsbedomningar": "delmal_id, enhet_id, period, status, kommentar, forfattare, datum",
}
