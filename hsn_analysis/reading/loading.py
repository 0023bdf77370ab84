"""Reading a dataset folder (CSV + TOML) or one .xlsx workbook into raw tables of text.

Every cell becomes the text the user sees (stripped; "" when empty), every row keeps its Excel
row number, and every file that cannot be read becomes a `Problem` instead of an exception.
The folder is read by `csv_folder`, the workbook by `workbook_file`, the settings by
`raw_settings`; `collector` turns rows into tables and keeps what was read.
"""

from __future__ import annotations

import gc
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hsn_analysis.reading.collector import Collector
from hsn_analysis.reading.csv_folder import read_folder
from hsn_analysis.reading.raw import RawData
from hsn_analysis.reading.workbook_file import WORKBOOK_SUFFIXES, read_workbook
from hsn_analysis.words.messages import MSG_NOT_DATASET, MSG_OLD_XLS


def read_dataset(path: Path) -> RawData:
    """Read a folder of CSV files or one workbook; the path must exist."""
    reader = Collector()
    # openpyxl warns about Excel features it drops (data validation, odd dates); the user
    # can do nothing about those, and every real problem is reported as a Problem.
    with _gc_paused(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if path.is_dir():
            read_folder(reader, path)
        elif path.suffix.lower() in WORKBOOK_SUFFIXES:
            read_workbook(reader, path)
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
def _gc_paused() -> Iterator[None]:
    """Pause the garbage collector: scanning millions of fresh row lists triples the reading
    time of a large file, and reading makes no reference cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
