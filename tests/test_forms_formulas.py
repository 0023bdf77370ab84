"""Formulas in forms: one in an answer cell is an error naming file, sheet, cell and formula;
text that looks like a formula is written as text in every workbook we write; no message names
a temporary file; a .xlsm form in the answers folder is read."""

from __future__ import annotations

import dataclasses
import logging
import re
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from formfill import DELMAL, INDIKATORER, fill, form_of, rows_of
from openpyxl import Workbook, load_workbook

from hsn_analysis.cli import EXIT_OK, main
from hsn_analysis.forms.content import Split
from hsn_analysis.forms.empty import build_empty_workbook
from hsn_analysis.forms.merge import collect_forms
from hsn_analysis.forms.template import write_forms
from hsn_analysis.forms.text_cells import append, looks_like_formula, put
from hsn_analysis.paths import EXAMPLE_DATA, PROJECT_ROOT
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words import forms as words

T1 = Period(2026, 1)
TODAY = date(2026, 6, 1)
TODAY_ARG = ["--today", TODAY.isoformat()]
FOLK = "Folkhälsostrateg"
ANSWER = {"Status": "Kommer att uppnås", "Kommentar": "Enligt plan.", "Datum": date(2026, 5, 8)}


@pytest.fixture(scope="module")
def example():
    return load_dataset(EXAMPLE_DATA)


@pytest.fixture(scope="module")
def pristine(example, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mall")
    write_forms(example, T1, folder, split=Split.OWNER)
    return folder


@pytest.fixture
def form(pristine, tmp_path) -> Path:
    """A fresh copy of the Folkhälsostrateg's form."""
    shutil.copytree(pristine, tmp_path / "formular")
    return form_of(tmp_path / "formular", FOLK)


def cache(path: Path, formula: str, value: str) -> None:
    """Give a formula the value Excel would have saved with it (openpyxl saves none)."""
    inner = formula.removeprefix("=")
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/") and f"<f>{inner}</f>".encode() in data:
            text = data.decode()
            text = re.sub(
                rf"<f>{re.escape(inner)}</f><v\s*/>", f"<f>{inner}</f><v>{value}</v>", text
            )
            text = text.replace(f"<f>{inner}</f><v></v>", f"<f>{inner}</f><v>{value}</v>")
            parts[name] = text.encode()
    with zipfile.ZipFile(path, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)


def errors_of(example, form: Path, tmp_path: Path):
    out = tmp_path / "d2"
    result = collect_forms(example, EXAMPLE_DATA, out, [form], today=TODAY)
    return result, [p for p in result.problems if p.severity is Severity.ERROR]


def test_a_formula_without_a_saved_value_is_an_error_naming_the_cell_not_an_empty_row(
    example, form, tmp_path
):
    fill(form, INDIKATORER, {"I2.1.1": {"Utfall T1 2026": "=40+18,5"}})
    row = rows_of(form, INDIKATORER)["I2.1.1"]

    result, errors = errors_of(example, form, tmp_path)

    assert not result.written
    (error,) = errors
    assert (error.source, error.row, error.column) == (
        f"{form.name}, blad {INDIKATORER}",
        row,
        "Utfall T1 2026",
    )
    assert error.value == "=40+18,5"
    assert f"Cell H{row} har formeln =40+18,5 (inget sparat värde)" in error.message
    empty_row = words.MSG_FORM_EMPTY_ROW.split("(")[0]
    said = [(p.source, p.row) for p in result.problems if empty_row in p.message]
    assert (error.source, row) not in said  # not "row not filled in", the answer not dropped


def test_a_formula_with_a_saved_value_and_a_comment_beside_it_is_an_error_too(
    example, form, tmp_path
):
    fill(form, DELMAL, {"D2.1": {**ANSWER, "Kommentar": "=1+1"}})
    cache(form, "=1+1", "2")
    row = rows_of(form, DELMAL)["D2.1"]
    assert load_workbook(form, data_only=True)[DELMAL][f"F{row}"].value == 2  # as Excel shows it

    result, errors = errors_of(example, form, tmp_path)

    assert not result.written
    (error,) = errors
    assert (error.row, error.column, error.value) == (row, "Kommentar", "=1+1")
    assert error.source == f"{form.name}, blad {DELMAL}"
    assert f"Cell F{row} har formeln =1+1 (visat värde: 2)" in error.message


# Each text as the comment of its own indicator, all collected into one workbook dataset (one
# merge of the example workbook for the four; the test of each text reads its own row).
LOOKS_LIKE_FORMULAS = {
    "=1+1": "I1.1.1",
    "+46 90 123": "I1.1.2",
    "-ingen ändring-": "I1.2.1",
    "@chefläkare": "I2.1.1",
}


@pytest.fixture(scope="module")
def comments_merged(tmp_path_factory):
    """The example workbook with the four texts typed as comments (and a value) into one form,
    collected: the result, the written `utfall` rows and the dataset read back."""
    folder = tmp_path_factory.mktemp("kommentarer")
    data = folder / "plan.xlsx"
    shutil.copy(PROJECT_ROOT / "data" / "exempel.xlsx", data)
    dataset = load_dataset(data, today=TODAY)  # the forms' plan, and the data collected into
    (typed,) = write_forms(dataset, T1, folder / "formular")
    book = load_workbook(typed)  # typed as Excel keeps '=1+1: a string with the quote prefix
    sheet = book[INDIKATORER]
    rows = rows_of(typed, INDIKATORER)
    for text, indicator in LOOKS_LIKE_FORMULAS.items():
        sheet[f"H{rows[indicator]}"] = 66.5  # Utfall T1 2026
        put(sheet, rows[indicator], 9, text)  # Kommentar
    book.save(typed)
    out = folder / "plan-2026-T1.xlsx"

    result = collect_forms(dataset, data, out, [typed], today=TODAY)

    written = load_workbook(out)["utfall"] if result.written else None
    outcomes = load_dataset(out, today=TODAY).outcomes if result.written else None
    return result, written, outcomes


@pytest.mark.parametrize("text", list(LOOKS_LIKE_FORMULAS))
def test_a_comment_that_looks_like_a_formula_is_written_into_a_workbook_dataset_as_text(
    comments_merged, text
):
    result, written, outcomes = comments_merged
    assert result.written, [str(p) for p in result.problems]
    added = [list(row) for row in written.iter_rows(min_row=written.max_row - 3)]
    # the four answers are the rows added last, in the plan's order
    assert [row[0].value for row in added] == list(LOOKS_LIKE_FORMULAS.values())
    (last,) = [row for row in added if row[0].value == LOOKS_LIKE_FORMULAS[text]]
    assert [c.value for c in last[:3]] == [LOOKS_LIKE_FORMULAS[text], "2026-T1", 66.5]
    comment = last[4]
    assert (comment.value, comment.data_type, comment.quotePrefix) == (text, "s", True)
    assert text in set(outcomes["kommentar"])


def test_an_invalid_merged_dataset_is_reported_by_its_name_never_the_temporary_files(
    tmp_path,
):
    data = tmp_path / "plan.xlsx"
    shutil.copy(PROJECT_ROOT / "data" / "exempel.xlsx", data)
    dataset = load_dataset(data, today=TODAY)  # the forms' plan, and the data collected into
    (form,) = write_forms(dataset, T1, tmp_path / "formular")
    fill(form, INDIKATORER, {"I1.1.1": {"Utfall T1 2026": 66.5}})
    out = tmp_path / "plan-2026-T1.xlsx"
    before_t1 = date(2025, 12, 1)  # the merged T1 rows are for a period that has not begun

    result = collect_forms(dataset, data, out, [form], today=before_t1)

    assert not result.written and not out.exists()
    found = [str(p) for p in result.problems if p.severity is Severity.ERROR]
    assert any(f"{out.name}, blad utfall" in line for line in found), found
    assert not [line for line in found if "samlas" in line or f".{out.name}" in line]


def test_a_xlsm_form_in_the_answers_folder_is_read_as_when_named(form, tmp_path, caplog, capsys):
    fill(form, DELMAL, {"D2.1": ANSWER})
    macro = form.with_suffix(".xlsm")
    form.rename(macro)
    (form.parent / "gammal.xls").write_bytes(b"not read")
    for other in form.parent.iterdir():  # only the one form: the others would be unanswered
        if other not in (macro, form.parent / "gammal.xls"):
            other.unlink()
    out = tmp_path / "d2"
    with caplog.at_level(logging.INFO, logger="hsn_analysis"):
        folder = str(macro.parent)
        code = main(["samla", "--data", str(EXAMPLE_DATA), "--out", str(out), folder, *TODAY_ARG])
    printed = capsys.readouterr().out
    assert code == EXIT_OK, caplog.text + printed
    assert words.MSG_FORM_MISSING.format(owner=FOLK, rows="")[:-3] not in printed
    assert "Inget formulär har kommit in från" in printed  # said of the others, not of FOLK
    merged = load_dataset(out, today=TODAY).assessments
    assert ((merged["delmal_id"] == "D2.1") & (merged["period"] == "2026-T1")).any()
    assert "gammal.xls läses inte" in caplog.text


@pytest.mark.parametrize(
    ("value", "looks"),
    [
        *[("=1+1", True), ("+1", True), ("-1", True), ("@A1", True), ("\t=1", True)],
        *[("1", False), ("Text", False), ("", False), (-1.5, False), (None, False)],
        (date(2026, 1, 1), False),
    ],
)
def test_text_starting_as_a_formula_would_is_what_is_kept_as_text(value, looks):
    assert looks_like_formula(value) is looks


def test_the_form_template_writes_a_plan_name_that_looks_like_a_formula_as_text(example, tmp_path):
    hostile = example.subgoals.copy()
    hostile.loc[hostile["delmal_id"] == "D2.1", "namn"] = '=HYPERLINK("http://x","klicka")'
    plan = dataclasses.replace(example, subgoals=hostile)
    (form,) = write_forms(plan, T1, tmp_path / "formular")
    sheet = load_workbook(form)[DELMAL]
    cells = [c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert cells and all((c.data_type, c.quotePrefix) == ("s", True) for c in cells)


def test_the_empty_template_and_appended_rows_hold_no_formula(tmp_path):
    book = build_empty_workbook()
    assert not [c for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"]
    sheet = Workbook().active
    append(sheet, ["=1+1", "ok", None, datetime(2026, 1, 1)])
    assert [c.data_type for c in sheet[1]] == ["s", "s", "n", "d"]
