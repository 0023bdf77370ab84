"""Tiny validated datasets for tests, built directly from literal rows (no files, no validation)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd

from hsn_analysis.dataset import (
    ASSESSMENT_COLUMNS,
    COMPARISON_COLUMNS,
    GOAL_COLUMNS,
    INDICATOR_COLUMNS,
    OUTCOME_COLUMNS,
    SUBGOAL_COLUMNS,
    UNIT_ASSESSMENT_COLUMNS,
    UNIT_COLUMNS,
    UNIT_OUTCOME_COLUMNS,
    Dataset,
    Settings,
)
from hsn_analysis.paths import PROJECT_ROOT, REPORT_NOTEBOOK
from hsn_analysis.rules.units import with_board_values
from hsn_analysis.runs.kernel import KERNEL_NAME
from hsn_analysis.vocabulary import RollupRule

Row = Mapping[str, object]

_NUMBER_COLUMNS = {"malvarde", "gul_fran", "varde", "taljare", "namnare"}
_DATE_COLUMNS = {"datum"}
# The dtype "str" names, looked up once: looking the name up costs more than making a column.
_TEXT = pd.Series([], dtype="str").dtype


def frame(rows: Iterable[Row], columns: list[str], defaults: Row) -> pd.DataFrame:
    """A typed frame as dataset.py describes it: str text, float numbers, datetime64 dates."""
    rows = [{**defaults, **row} for row in rows]
    # Arrays, not Series: a frame of Series aligns their indexes, and make_dataset builds nine
    # frames for every example of the Hypothesis tests that use it.
    data: dict[str, object] = {}
    for column in columns:
        values = [row.get(column) for row in rows]
        if column in _NUMBER_COLUMNS:
            data[column] = np.array([np.nan if v is None else v for v in values], dtype=float)
        elif column in _DATE_COLUMNS:
            data[column] = pd.Series(pd.to_datetime(values), dtype="datetime64[ns]").array
        else:
            data[column] = pd.array(["" if v is None else v for v in values], dtype=_TEXT)
    return pd.DataFrame(data, columns=columns)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def make_dataset(
    *,
    indicators: Iterable[Row] = (),
    outcomes: Iterable[Row] = (),
    assessments: Iterable[Row] = (),
    subgoals: Iterable[Row] | None = None,
    goals: Iterable[Row] | None = None,
    yellow_from: float = 90.0,
    rollup_rule: RollupRule = RollupRule.MAJORITY,
    year: int = 2025,
    comparisons: Iterable[Row] = (),
    kolada_id: str | None = None,
    units: Iterable[Row] = (),
    unit_outcomes: Iterable[Row] = (),
    unit_assessments: Iterable[Row] = (),
) -> Dataset:
    """A Dataset from literal rows; missing columns get neutral defaults.

    With `unit_outcomes`, the board values of aggregated indicators are made from them as
    validation makes them (`rules.units.with_board_values`).

    Indicators default to a `minst` tertial indicator of delmål D1. Without `subgoals`, every
    delmål named by an indicator or assessment becomes one of mål M1; without `goals`, every
    mål named by a delmål becomes a goal.
    """
    indicators = [dict(r) for r in indicators]
    assessments = [dict(r) for r in assessments]
    for row in indicators:
        row.setdefault("delmal_id", "D1")
        row.setdefault("namn", f"Indikator {row['indikator_id']}")
    if subgoals is None:
        ids = _unique([r["delmal_id"] for r in indicators] + [r["delmal_id"] for r in assessments])
        subgoals = [{"delmal_id": d} for d in ids]
    subgoals = [{"mal_id": "M1", "namn": f"Delmål {r['delmal_id']}", **r} for r in subgoals]
    if goals is None:
        goals = [{"mal_id": m} for m in _unique(r["mal_id"] for r in subgoals)]
    goals = [{"namn": f"Mål {r['mal_id']}", **r} for r in goals]
    dataset = Dataset(
        settings=Settings(
            board_name="Hälso- och sjukvårdsnämnden",
            year=year,
            yellow_from=yellow_from,
            rollup_rule=rollup_rule,
            kolada_id=kolada_id,
        ),
        goals=frame(goals, GOAL_COLUMNS, {}),
        subgoals=frame(subgoals, SUBGOAL_COLUMNS, {}),
        indicators=frame(
            indicators,
            INDICATOR_COLUMNS,
            {
                "maltyp": "minst",
                "enhet": "%",
                "frekvens": "tertial",
                "kolada_kon": "T",
                "matning": "tertial",
            },
        ),
        outcomes=frame(outcomes, OUTCOME_COLUMNS, {}),
        assessments=frame(assessments, ASSESSMENT_COLUMNS, {}),
        comparisons=frame(comparisons, COMPARISON_COLUMNS, {}).astype({"ar": "int64"}),
        units=frame(units, UNIT_COLUMNS, {}),
        unit_outcomes=frame(unit_outcomes, UNIT_OUTCOME_COLUMNS, {}),
        unit_assessments=frame(unit_assessments, UNIT_ASSESSMENT_COLUMNS, {}),
    )
    return with_board_values(dataset)


# A whole plan as the sheets of a workbook, one or two rows each: valid, and opened, saved and
# read in milliseconds (the example workbook takes openpyxl most of a second).
WORKBOOK_SHEETS: dict[str, list[list[object]]] = {
    "installningar": [["namn", "ar"], ["Hälso- och sjukvårdsnämnden", 2025]],
    "mal": [["mal_id", "namn"], ["M1", "Trygga uppväxtvillkor"]],
    "delmal": [["delmal_id", "mal_id", "namn"], ["D1", "M1", "Färre barn i fattigdom"]],
    "indikatorer": [
        ["indikator_id", "delmal_id", "namn", "maltyp", "malvarde", "enhet", "frekvens"],
        ["I1", "D1", "Andel vaccinerade", "minst", 80, "%", "tertial"],
    ],
    "utfall": [
        ["indikator_id", "period", "varde", "malvarde", "kommentar"],
        ["I1", "2025-T1", 70, None, None],
        ["I1", "2025-T2", 85.5, None, "Bättre"],
    ],
    "bedomningar": [
        ["delmal_id", "period", "status", "kommentar", "forfattare", "datum"],
        ["D1", "2025-T1", "delvis", "Text", "Anna", date(2025, 5, 10)],
        ["D1", "2025-T2", "uppnås", None, None, None],
    ],
}


def small_workbook():  # -> openpyxl.Workbook (imported here: most test modules need none)
    """A new openpyxl workbook of WORKBOOK_SHEETS, one sheet per table."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in WORKBOOK_SHEETS.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    return book


def make_report(
    dataset: Dataset,
    period: str = "2025-T2",
    run_started: str = "2025-09-30T06:00:00+02:00",
):
    """A `report_context.Report` of a literal dataset, its result computed by the same
    `compute_result` that `prepare` uses (`prepare` itself only loads from a path)."""
    from datetime import datetime
    from pathlib import Path

    from hsn_analysis.periods import Period
    from hsn_analysis.report.context import Report
    from hsn_analysis.rules.result import compute_result

    return Report(
        compute_result(dataset, Period.parse(period)),
        Path("testdata").resolve(),
        datetime.fromisoformat(run_started),
        {"period": period, "data": "testdata", "run_started": run_started},
    )


def broken_notebook(tmp_path: Path) -> Path:
    """The report notebook with a cell that fails after the title has been shown."""
    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell('raise RuntimeError("planerat fel i testet")'))
    path = tmp_path / "trasig.ipynb"
    nbformat.write(nb, path)
    return path


def tiny_notebook(folder: Path, first: str = "") -> Path:
    """A stand-in for the report notebook: its parameters, then `first` (any code), then a cell
    that shows the run's start time and period. Runs in about a second."""
    parameters = nbformat.v4.new_code_cell(
        'period = "2025-T2"\ndata = ""\nrun_started = ""\nchecked = None'
    )
    parameters.metadata["tags"] = ["parameters"]
    show = nbformat.v4.new_code_cell(
        "from IPython.display import HTML\nHTML(f'<p>körd {run_started} för {period}</p>')"
    )
    cells = [parameters, *([nbformat.v4.new_code_cell(first)] if first else []), show]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "HSN", "language": "python"}
    path = folder / "liten.ipynb"
    nbformat.write(nb, path)
    return path


def hsn_report(*args: str | Path, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess:
    """The command as a user runs it, in a process of its own (`python -m hsn_analysis`)."""
    return subprocess.run(
        [sys.executable, "-m", "hsn_analysis", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
    )


# The example's first mål, its two delmål and their three indicators: enough for every part of
# the report (status chart, indicator charts, assessments, the mål's comment), a tenth of its cost.
SMALL_GOALS = ("M1",)


def small_example(
    folder: Path, goals: Iterable[str] = SMALL_GOALS, subgoals: Iterable[str] | None = None
) -> Path:
    """A copy of the example data (`data/exempel`) in `folder` keeping only the mål `goals`,
    their delmål, indicators, outcomes and assessments. Settings, the administration's analysis
    and the units stay; contacts, units' answers and comparisons stay where they concern what
    is kept (for M1: two contacts, nothing else). For tests of the publishing path (locks,
    reruns, backups, failure records, exit codes, batches, mail): the real notebook and PDF
    still run, on 4 charts instead of 31. With `subgoals`, only those delmål of `goals` stay."""
    import csv
    import shutil

    from hsn_analysis.paths import EXAMPLE_DATA

    keep = set(goals)
    chosen = None if subgoals is None else set(subgoals)
    folder.mkdir(parents=True, exist_ok=True)
    kept_subgoals: set[str] = set()
    indicators: set[str] = set()

    def copy(name: str, wanted=None) -> list[dict[str, str]]:
        with (EXAMPLE_DATA / name).open(encoding="utf-8-sig", newline="") as source:
            reader = csv.DictReader(source, delimiter=";")
            fields = list(reader.fieldnames or [])
            rows = [row for row in reader if wanted is None or wanted(row)]
        with (folder / name).open("w", encoding="utf-8-sig", newline="") as target:
            writer = csv.DictWriter(target, fields, delimiter=";", lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return rows

    copy("mal.csv", lambda row: row["mal_id"] in keep)
    copy("malbedomningar.csv", lambda row: row["mal_id"] in keep)
    kept = copy(
        "delmal.csv",
        lambda row: row["mal_id"] in keep and (chosen is None or row["delmal_id"] in chosen),
    )
    kept_subgoals.update(r["delmal_id"] for r in kept)
    copy("bedomningar.csv", lambda row: row["delmal_id"] in kept_subgoals)
    kept += copy("indikatorer.csv", lambda row: row["delmal_id"] in kept_subgoals)
    indicators.update(r["indikator_id"] for r in kept if "indikator_id" in r)
    responsible = {r["ansvarig"] for r in kept}
    copy("ansvariga.csv", lambda row: row["ansvarig"] in responsible)
    copy("utfall.csv", lambda row: row["indikator_id"] in indicators)
    copy("jamforelser.csv", lambda row: row["indikator_id"] in indicators)
    copy("enhetsutfall.csv", lambda row: row["indikator_id"] in indicators)
    copy("enhetsbedomningar.csv", lambda row: row["delmal_id"] in kept_subgoals)
    for name in ("analys.csv", "enheter.csv", "installningar.toml"):
        shutil.copyfile(EXAMPLE_DATA / name, folder / name)
    return folder


def hsn_report_in_process(capsys, *args: str | Path) -> subprocess.CompletedProcess:
    """`hsn-report` called in this process (`cli.main`): its exit code and what it printed, as
    `hsn_report` gives them, without the second of imports a process of its own costs. For tests
    whose subject is what the command says and does, not the process around it; `capsys` is the
    test's fixture (the command logs to the `sys.stderr` of its call)."""
    from hsn_analysis.cli import main

    capsys.readouterr()  # what the test printed before is not the command's
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:  # argparse ends usage errors, --help and --version this way
        code = exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), code, captured.out, captured.err)
