"""Random workbooks never crash the command line: any mix of cell types, formulas (with and
without stored values), merged and hidden cells and sheets ends in exit code 0, 1 or 2 with
messages, never a traceback (the CSV counterpart is in test_validation)."""

from __future__ import annotations

import datetime as dt

from builders import WORKBOOK_SHEETS, small_workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from hsn_analysis.cli import main

VALUES = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)),
    st.sampled_from(["=1/0", "=A1", "=SUM(A1:B2)", '=IF(1,"","x")', "=NA()", "#N/A", "2025-T2"]),
    st.sampled_from(["I1", "D1", "M1", "uppnås", "minst", "helår", "90 %", "1 234,5", "\n"]),
)
CELL = st.tuples(
    st.sampled_from(sorted(WORKBOOK_SHEETS)), st.integers(1, 5), st.integers(1, 8), VALUES
)
MERGE = st.tuples(st.sampled_from(sorted(WORKBOOK_SHEETS)), st.integers(1, 4), st.integers(1, 6))
STATE = st.sampled_from(["visible", "hidden", "veryHidden"])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(CELL, max_size=8),
    merges=st.lists(MERGE, max_size=2),
    hidden=st.dictionaries(st.sampled_from(sorted(WORKBOOK_SHEETS)), STATE, max_size=2),
    extra=st.lists(st.sampled_from(["Utfall (2)", "utfall", "Blad1", "MAL"]), max_size=2),
    hide_rows=st.lists(
        st.tuples(st.sampled_from(sorted(WORKBOOK_SHEETS)), st.integers(1, 4)), max_size=2
    ),
)
def test_a_random_workbook_gives_exit_0_1_or_2_and_never_a_traceback(
    tmp_path_factory, capsys, cells, merges, hidden, extra, hide_rows
):
    book = small_workbook()
    for title in extra:  # look-alikes and duplicates of a table's sheet
        if title not in book.sheetnames:
            book.create_sheet(title).append(["indikator_id", "period", "varde"])
    for name, row, column, value in cells:
        # A value openpyxl itself refuses to write is left out. openpyxl sets the cell's type
        # before it refuses a value, so the cell gets its old value back (a number left typed
        # as text would make openpyxl fail to save, not our reader to read).
        cell = book[name].cell(row, column)
        before = cell.value
        try:
            cell.value = value
        except (ValueError, TypeError, IllegalCharacterError):
            cell.value = before
    for name, row, column in merges:
        book[name].merge_cells(
            start_row=row, start_column=column, end_row=row + 1, end_column=column + 1
        )
    for name, row in hide_rows:
        book[name].row_dimensions[row].hidden = True
        book[name].column_dimensions["B"].hidden = True
    for name, state in hidden.items():
        book[name].sheet_state = state
    if all(sheet.sheet_state != "visible" for sheet in book.worksheets):
        book.worksheets[0].sheet_state = "visible"  # Excel keeps one sheet visible
    path = tmp_path_factory.mktemp("bok") / "slump.xlsx"
    book.save(path)

    code = main(["validate", "--data", str(path)])
    output = capsys.readouterr()
    assert code in (0, 1, 2), output.err
    assert "Traceback" not in output.err + output.out
    tally = output.out.splitlines()[-1] if output.out else ""
    assert tally.startswith("0 fel ") == (code == 0), tally
