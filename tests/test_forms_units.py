"""`mall --per enhet` and `samla` of unit forms: one form per basenhet, its answers into
`enhetsbedomningar` and `enhetsutfall`, and which units have not answered."""

from __future__ import annotations

import runpy
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from builders import hsn_report_in_process
from conftest import made_once
from formfill import DELMAL, INDIKATORER, add_row, fill, rows_of
from openpyxl import load_workbook

from hsn_analysis.dataset import Dataset
from hsn_analysis.forms.content import Split
from hsn_analysis.forms.merge import Collected, collect_forms
from hsn_analysis.forms.template import write_forms
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import check_dataset, load_dataset
from hsn_analysis.vocabulary import Severity, SubgoalStatus
from hsn_analysis.words import forms as words
from hsn_analysis.words.messages import MSG_STATUS
from hsn_analysis.words.unit_text import MSG_YES_NO

ROOT = Path(__file__).resolve().parent.parent
TODAY_ARG = ["--today", "2026-06-01"]
T1 = Period(2026, 1)
T3 = Period(2025, 3)
TODAY = date(2026, 6, 1)
VALUE = "Utfall T1 2026"
ASSESSED = {
    "Status": "Kommer att uppnås",
    "Kommentar": "Rutinen är införd.",
    "Författare": "Enhetschef",
}


@pytest.fixture(scope="module")
def example() -> Dataset:
    return load_dataset(EXAMPLE_DATA)


def _unit_forms(folder: Path) -> Path:
    example = load_dataset(EXAMPLE_DATA)
    write_forms(example, T1, folder / "t1", split=Split.UNIT)
    write_forms(example, T3, folder / "t3", split=Split.UNIT)
    return folder


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """Every unit's form of 2026-T1 and of 2025-T3, written once for the whole test run: read
    them, or copy them (`forms`)."""
    return made_once(tmp_path_factory, "enhetsformular", _unit_forms)


@pytest.fixture
def forms(pristine, tmp_path) -> Path:
    shutil.copytree(pristine, tmp_path / "formular")
    return tmp_path / "formular"


def unit_form(folder: Path, unit_id: str) -> Path:
    (path,) = [p for p in folder.iterdir() if p.name.endswith(f"({unit_id}).xlsx")]
    return path


def collect(example, tmp_path, paths, **options) -> Collected:
    return collect_forms(
        example, EXAMPLE_DATA, tmp_path / "d2", list(paths), today=TODAY, **options
    )


def lines(result: Collected, severity: Severity = Severity.ERROR) -> list[str]:
    return [str(p) for p in result.problems if p.severity is severity]


def test_there_is_one_form_per_unit_named_with_its_name_and_id(example, pristine):
    names = sorted(p.name for p in (pristine / "t1").iterdir())

    assert len(names) == len(example.units)
    assert "Uppföljning 2026-T1 - Hälsocentral Björkbacken (PV01).xlsx" in names
    assert "Uppföljning 2026-T1 - Akutkliniken, Norrsjö sjukhus (SV07).xlsx" in names


def test_a_unit_assesses_the_delmal_units_assess_and_the_indicators_of_its_omrade(
    example, pristine
):
    assessed = [
        d for d in example.subgoals["delmal_id"] if d in set(example.unit_assessments["delmal_id"])
    ]
    primary_care = unit_form(pristine / "t1", "PV01")
    dental = unit_form(pristine / "t1", "TV01")

    assert list(rows_of(primary_care, DELMAL)) == assessed
    # I4.1.1 is for Primärvård only; the helår indicators are not due at T1
    assert list(rows_of(primary_care, INDIKATORER)) == ["I4.1.1", "I4.1.2", "I6.1.2"]
    assert list(rows_of(dental, INDIKATORER)) == ["I4.1.2", "I6.1.2"]


def test_the_units_own_last_answers_are_shown_locked_and_the_answers_are_drop_downs(
    example, pristine
):
    book = load_workbook(unit_form(pristine / "t1", "PV02"))
    values, subgoals = book[INDIKATORER], book[DELMAL]
    headers = [c.value for c in values[2]]
    row = rows_of(unit_form(pristine / "t1", "PV02"), INDIKATORER)["I4.1.1"]
    last = example.unit_outcomes.query("enhet_id == 'PV02' and indikator_id == 'I4.1.1'")
    last = last.sort_values("period").iloc[-1]
    shown = values.cell(row, headers.index(words.HEADER_LAST_UNIT_VALUE) + 1)
    answer = values.cell(row, headers.index(VALUE) + 1)

    assert shown.value == ("ja" if last["varde"] == 1.0 else "nej")
    assert shown.protection.locked and not answer.protection.locked
    assert values.protection.sheet and subgoals.protection.sheet
    lists = {
        str(v.sqref): v.formula1 for v in values.data_validations.dataValidation if v.type == "list"
    }
    assert lists == {"H3 H4 H5": '"ja,nej"'}
    status = [v for v in subgoals.data_validations.dataValidation if v.type == "list"]
    assert status[0].formula1.startswith('"Kommer att uppnås') and str(status[0].sqref) == "E3:E7"
    assert values.freeze_panes == subgoals.freeze_panes == "B3"
    info = dict(book["formular"].iter_rows(values_only=True))
    assert info["fordelning"] == "enhet" and info["enhet"] == "PV02"


def test_collected_unit_answers_make_the_boards_value_for_the_period(example, forms, tmp_path):
    answers = {"PV01": "ja", "PV02": "nej", "PV03": "Ja", "TV01": "nej", "PV04": "Ej rapporterat"}
    for unit, value in answers.items():
        form = unit_form(forms / "t1", unit)
        fill(form, INDIKATORER, {"I4.1.2": {VALUE: value}})
        fill(form, DELMAL, {"D4.1": {**ASSESSED, "Datum": date(2026, 5, 8)}})

    result = collect(example, tmp_path, sorted((forms / "t1").iterdir()))

    assert result.written, lines(result)
    assert result.merged["enhetsutfall"] == 5 and result.merged["enhetsbedomningar"] == 5
    checked = check_dataset(tmp_path / "d2", today=TODAY)
    assert checked.ok and checked.dataset is not None
    d2 = checked.dataset
    board = d2.outcomes.query("indikator_id == 'I4.1.2' and period == '2026-T1'")["varde"]
    # two ja of the four that reported: PV04 said outright it has not, which is not a nej
    assert board.tolist() == [pytest.approx(100 * 2 / 4)]
    assessed = d2.unit_assessments.query("period == '2026-T1'")
    assert sorted(assessed["enhet_id"]) == sorted(answers)
    assert set(assessed["status"]) == {SubgoalStatus.GREEN.value}
    assert set(assessed["datum"]) == {pd.Timestamp(2026, 5, 8)}
    assert len(d2.unit_outcomes) == len(example.unit_outcomes) + 5
    assert result.units == len(example.units)
    assert "Hälsocentral Björkbacken (PV01)" in result.unanswered  # its other rows are empty
    assert len(result.unanswered) == len(example.units)


def test_units_whose_forms_did_not_come_back_are_each_named(example, forms, tmp_path):
    form = unit_form(forms / "t1", "TV01")
    fill(form, INDIKATORER, {"I4.1.2": {VALUE: "ja"}, "I6.1.2": {VALUE: "nej"}})
    for subgoal in rows_of(form, DELMAL):
        fill(form, DELMAL, {subgoal: ASSESSED})

    result = collect(example, tmp_path, [form])

    assert result.written and "Tandvårdskliniken Norrmyra (TV01)" not in result.unanswered
    warned = lines(result, Severity.WARNING)
    dental = unit_form(forms / "t1", "TV02").name
    rows = words.MSG_FORM_MISSING_ROWS.format(subgoals=5, indicators=2)
    message = words.MSG_FORM_UNIT_MISSING.format(
        owner="Tandvårdskliniken Sjöviken (TV02)", rows=rows
    )
    assert f"Varning: {dental}: {message}" in warned
    assert len(warned) == len(example.units) - 1
    assert len(result.unanswered) == len(example.units) - 1


def test_mistakes_in_a_unit_form_are_reported_with_file_sheet_row_and_column(
    example, forms, tmp_path
):
    form = unit_form(forms / "t1", "PV01")
    fill(
        form,
        INDIKATORER,
        {"I4.1.1": {VALUE: "kanske"}, "I4.1.2": {words.HEADER_LAST_UNIT_VALUE: "ja"}},
    )
    fill(form, INDIKATORER, {"I4.1.2": {VALUE: "ja"}})
    fill(form, DELMAL, {"D2.1": {"Status": "grönt"}})
    extra = add_row(form, INDIKATORER, {"Indikator-id": "I2.1.1", VALUE: "ja"})

    result = collect(example, tmp_path, [form])

    assert not result.written and not (tmp_path / "d2").exists()
    sheet = f"{form.name}, blad {INDIKATORER}"
    assert lines(result) == [
        f"Fel: {form.name}, blad {DELMAL}, rad 3, kolumn Status, värde 'grönt': {MSG_STATUS}",
        f"Fel: {sheet}, rad 3, kolumn {VALUE}, värde 'kanske': {MSG_YES_NO.format(id='I4.1.1')}",
        f"Fel: {sheet}, rad 4, kolumn {words.HEADER_LAST_UNIT_VALUE}, värde 'ja': "
        + words.MSG_FORM_LOCKED.format(expected="nej"),
        f"Fel: {sheet}, rad {extra}, kolumn Indikator-id, värde 'I2.1.1': "
        + words.MSG_FORM_NOT_IN_PLAN.format(what=words.WHAT_INDICATOR, id="I2.1.1"),
    ]
    empty = words.MSG_FORM_EMPTY_ROW.format(owner="Hälsocentral Björkbacken (PV01)")
    assert f"Varning: {sheet}, rad 5, värde 'I6.1.2': {empty}" in lines(result, Severity.WARNING)


def test_two_forms_of_one_unit_that_disagree_are_a_conflict(example, forms, tmp_path):
    form = unit_form(forms / "t1", "PV01")
    copy = form.with_name("PV01 igen.xlsx")
    shutil.copy(form, copy)
    fill(form, INDIKATORER, {"I4.1.1": {VALUE: "ja"}})
    fill(copy, INDIKATORER, {"I4.1.1": {VALUE: "nej"}})

    result = collect(example, tmp_path, [form, copy], partial=True)

    named = words.UNIT_ROW_ID.format(id="I4.1.1", unit="PV01")
    assert lines(result) == [
        f"Fel: {path.name}, blad {INDIKATORER}, rad 3, värde 'I4.1.1': "
        + words.MSG_FORM_CONFLICT.format(
            what=words.WHAT_INDICATOR,
            id=named,
            other=f"{other.name}, blad {INDIKATORER}",
            other_row=3,
        )
        for path, other in ((form, copy), (copy, form))
    ]
    assert result.written and result.merged["enhetsutfall"] == 0


def test_an_answer_that_changes_a_units_value_in_d_is_refused_unless_replacing(
    example, forms, tmp_path
):
    form = unit_form(forms / "t3", "PV01")
    fill(form, INDIKATORER, {"I6.1.2": {"Utfall T3 2025": "ja"}})  # D says nej
    fill(form, INDIKATORER, {"I4.1.1": {"Utfall T3 2025": "JA"}})  # D says ja already

    refused = collect(example, tmp_path, [form])
    (tmp_path / "again").mkdir()
    replaced = collect(example, tmp_path / "again", [form], replace=True)

    named = words.UNIT_ROW_ID.format(id="I6.1.2", unit="PV01")
    where = rows_of(form, INDIKATORER)["I6.1.2"]
    assert lines(refused) == [
        f"Fel: {form.name}, blad {INDIKATORER}, rad {where}, värde 'I6.1.2': "
        + words.MSG_FORM_OVERWRITE.format(
            what=words.WHAT_INDICATOR,
            id=named,
            period="2025-T3",
            source="enhetsutfall.csv",
            row=1020,
        )
    ]
    assert not refused.written
    assert replaced.written and replaced.merged["enhetsutfall"] == 1
    d2 = pd.read_csv(tmp_path / "again" / "d2" / "enhetsutfall.csv", sep=";", dtype=str)
    row = d2.query("indikator_id == 'I6.1.2' and enhet_id == 'PV01' and period == '2025-T3'")
    assert row["varde"].tolist() == ["ja"]
    assert len(d2) == len(example.unit_outcomes)  # replaced in place, nothing added


def test_the_analyst_hands_out_unit_forms_and_hears_which_units_have_not_answered(tmp_path, capsys):
    # In process: what is said is the subject (test_cli_forms runs mall and samla as processes).
    made = hsn_report_in_process(
        capsys, "mall", "--period", "2026-T1", "--per", "enhet", "--out", tmp_path / "f"
    )
    assert made.returncode == 0, made.stderr
    form = unit_form(tmp_path / "f", "SV07")
    fill(form, DELMAL, {row_id: ASSESSED for row_id in rows_of(form, DELMAL)})
    fill(form, INDIKATORER, {row_id: {VALUE: "ja"} for row_id in rows_of(form, INDIKATORER)})

    collected = hsn_report_in_process(
        capsys,
        "samla",
        "--data",
        EXAMPLE_DATA,
        "--out",
        tmp_path / "d2",
        tmp_path / "f",
        *TODAY_ARG,
    )

    assert collected.returncode == 0, collected.stderr
    units = len(list((tmp_path / "f").iterdir()))
    assert words.SAMLA_UNITS_DONE.format(subgoals=5, indicators=2, period="2026-T1") in (
        collected.stderr
    )
    unanswered = words.SAMLA_UNITS_UNANSWERED.format(n=units - 1, total=units, units="")
    assert unanswered.removesuffix(".") in collected.stderr
    assert "Akutkliniken, Norrsjö sjukhus (SV07)" not in collected.stderr.split(unanswered[:20])[1]


def test_mall_per_enhet_refuses_a_plan_without_units(tmp_path, capsys):
    data = tmp_path / "plan"
    shutil.copytree(EXAMPLE_DATA, data)
    for table in data.glob("enhet*.csv"):
        table.unlink()

    refused = hsn_report_in_process(
        capsys,
        "mall",
        "--data",
        data,
        "--period",
        "2026-T1",
        "--per",
        "enhet",
        "--out",
        tmp_path / "f",
    )

    assert refused.returncode == 1 and not (tmp_path / "f").exists()
    assert words.MALL_NO_UNITS in refused.stderr


@pytest.mark.parametrize("kind", ["folder", "workbook"])
def test_samla_writes_the_unit_tables_a_dataset_did_not_have_yet(tmp_path, kind):
    # A plan that lists its basenheter but has no unit answers yet: the first collected forms
    # bring enhetsutfall and enhetsbedomningar into being, in D's own dialect.
    source = tmp_path / "d"
    shutil.copytree(EXAMPLE_DATA, source)
    for name in ("enhetsutfall.csv", "enhetsbedomningar.csv"):
        (source / name).unlink()
    if kind == "workbook":
        script = runpy.run_path(str(ROOT / "scripts" / "make_example_workbook.py"))
        script["write_workbook"](load_dataset(source), tmp_path / "d.xlsx")  # as its main does
        source = tmp_path / "d.xlsx"
    dataset = load_dataset(source)
    write_forms(dataset, T1, tmp_path / "formular", split=Split.UNIT)
    form = unit_form(tmp_path / "formular", "PV01")
    fill(form, INDIKATORER, {"I4.1.2": {VALUE: "ja"}})
    result = collect_forms(dataset, source, tmp_path / ("d2" + source.suffix), [form], today=TODAY)

    assert lines(result) == []
    written = load_dataset(tmp_path / ("d2" + source.suffix))
    rows = written.unit_outcomes
    assert rows.loc[rows["enhet_id"] == "PV01", "indikator_id"].tolist() == ["I4.1.2"]
