"""Workbooks: formulas without a stored value, hidden sheets and empty tables are named."""

from pathlib import Path

import pytest
from builders import small_workbook

from hsn_analysis.reading.loading import read_dataset
from hsn_analysis.reading.workbook_checks import FormulaWithoutValue, formulas_without_value
from hsn_analysis.vocabulary import Severity


def changed_workbook(folder: Path, change) -> Path:
    """A valid workbook of one row a table, changed by `change` and saved (what is checked is
    one sheet's cell or state, not the example's content, which takes openpyxl a second)."""
    book = small_workbook()
    change(book)
    path = folder / "bok.xlsx"
    book.save(path)
    return path


def test_a_formula_without_a_stored_value_is_an_error_naming_sheet_cell_and_formula(tmp_path):
    def formula(book):
        book["utfall"]["D3"] = "=80+10"

    raw = read_dataset(changed_workbook(tmp_path, formula))
    (problem,) = [p for p in raw.problems if p.severity is Severity.ERROR]
    assert (problem.source, problem.row) == ("bok.xlsx, blad utfall", 3)
    assert "Cell D3 har formeln =80+10" in problem.message
    assert "spara den" in problem.message


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (b'<c r="B2"><f>A2*2</f><v /></c>', [FormulaWithoutValue("B2", 2, "=A2*2")]),
        (b'<c r="B2"><f>A2*2</f></c>', [FormulaWithoutValue("B2", 2, "=A2*2")]),
        (b'<c r="C7"><f t="shared" si="0"/></c>', [FormulaWithoutValue("C7", 7, "")]),
        (
            b'<x:c r="B2"><x:f>A1&amp;"x"</x:f><x:v></x:v></x:c>',
            [FormulaWithoutValue("B2", 2, '=A1&"x"')],
        ),
        (b'<c r="B2"><f>A2*2</f><v>4</v></c>', []),
        (b'<c r="B2" t="str"><f>IF(A1,"","x")</f><v></v></c>', []),
        (b'<c r="B2" t="n"><v>4</v></c>', []),
    ],
)
def test_formula_cells_without_a_stored_result_are_found_in_the_sheet_xml(xml, expected):
    assert formulas_without_value(b"<sheetData><row>" + xml + b"</row></sheetData>") == expected


def test_a_hidden_sheet_is_read_with_a_warning_naming_its_visible_look_alike(tmp_path):
    def hide(book):
        copy = book.copy_worksheet(book["indikatorer"])
        copy.title = "Indikatorer ny"
        book["indikatorer"].sheet_state = "hidden"

    raw = read_dataset(changed_workbook(tmp_path, hide))
    (problem,) = raw.problems
    assert problem.severity is Severity.WARNING
    assert problem.source == "bok.xlsx, blad indikatorer"
    assert "dolt" in problem.message and "Indikatorer ny" in problem.message


def test_a_sheet_with_headers_and_no_rows_is_a_warning(tmp_path):
    def empty(book):
        sheet = book["utfall"]
        sheet.delete_rows(2, sheet.max_row)

    raw = read_dataset(changed_workbook(tmp_path, empty))
    assert [(p.severity, p.source, p.row) for p in raw.problems] == [
        (Severity.WARNING, "bok.xlsx, blad utfall", 1)
    ]


def test_a_csv_file_with_headers_and_no_rows_is_a_warning(tmp_path):
    (tmp_path / "utfall.csv").write_text("indikator_id;period;varde\n\n", encoding="utf-8")
    raw = read_dataset(tmp_path)
    (problem,) = [p for p in raw.problems if p.source == "utfall.csv"]
    assert problem.severity is Severity.WARNING
    assert "inga rader" in problem.message
