"""`samla`: every kind of problem in returned forms, with its message, file, sheet and row."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from formfill import DELMAL, INDIKATORER, add_row, fill, form_of, rows_of
from openpyxl import Workbook, load_workbook

from hsn_analysis.dataset import Dataset
from hsn_analysis.forms.content import Split
from hsn_analysis.forms.merge import Collected, collect_forms
from hsn_analysis.forms.template import write_forms
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.problems import errors
from hsn_analysis.reading.cells import STATUS_WORDS
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words import forms as words
from hsn_analysis.words.messages import MSG_DATE, MSG_NOT_NUMBER, MSG_STATUS

T1 = Period(2026, 1)
TODAY = date(2026, 6, 1)
FOLK = "Folkhälsostrateg"
ANSWER = {"Status": "Kommer att uppnås", "Kommentar": "Enligt plan.", "Datum": date(2026, 5, 8)}


@pytest.fixture(scope="module")
def example() -> Dataset:
    return load_dataset(EXAMPLE_DATA)


@pytest.fixture(scope="module")
def pristine(example, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mall")
    write_forms(example, T1, folder / "per", split=Split.OWNER)
    write_forms(example, T1, folder / "hela")
    write_forms(example, Period(2025, 3), folder / "t3", split=Split.OWNER)
    return folder


@pytest.fixture
def forms(pristine, tmp_path) -> Path:
    """A fresh copy of the forms for each test to fill in."""
    shutil.copytree(pristine, tmp_path / "formular")
    return tmp_path / "formular"


def collect(example, tmp_path, paths, **options) -> Collected:
    out = tmp_path / "d2"
    return collect_forms(example, EXAMPLE_DATA, out, list(paths), today=TODAY, **options)


def lines(result: Collected, severity: Severity = Severity.ERROR) -> list[str]:
    return [str(p) for p in result.problems if p.severity is severity]


def test_unreadable_answers_are_each_reported_with_file_sheet_row_and_column(
    example, forms, tmp_path
):
    form = form_of(forms / "per", FOLK)
    fill(form, DELMAL, {"D2.1": {"Status": "grönt", "Datum": "8 maj"}})
    fill(form, INDIKATORER, {"I2.1.1": {"Utfall T1 2026": "cirka 60"}})

    result = collect(example, tmp_path, [form])

    assert not result.written and not (tmp_path / "d2").exists()
    sheet = f"{form.name}, blad {DELMAL}"
    assert lines(result) == [
        f"Fel: {sheet}, rad 3, kolumn Status, värde 'grönt': {MSG_STATUS}",
        f"Fel: {sheet}, rad 3, kolumn Datum, värde '8 maj': {MSG_DATE}",
        f"Fel: {form.name}, blad {INDIKATORER}, rad 3, kolumn Utfall T1 2026, värde 'cirka 60': "
        f"{MSG_NOT_NUMBER}",
    ]


def test_a_comment_without_status_or_value_is_refused(example, forms, tmp_path):
    form = form_of(forms / "per", FOLK)
    fill(form, DELMAL, {"D2.1": {"Kommentar": "Vi återkommer."}})
    fill(form, INDIKATORER, {"I2.1.4": {"Kommentar": "Siffran kommer i juni."}})

    result = collect(example, tmp_path, [form])

    assert lines(result) == [
        f"Fel: {form.name}, blad {DELMAL}, rad 3, kolumn Status: {words.MSG_FORM_NO_STATUS}",
        f"Fel: {form.name}, blad {INDIKATORER}, rad 4, kolumn Utfall T1 2026: "
        f"{words.MSG_FORM_NO_VALUE}",
    ]


def test_an_edited_locked_cell_is_reported_and_its_row_not_taken(example, forms, tmp_path):
    form = form_of(forms / "per", FOLK)
    fill(form, DELMAL, {"D2.1": {**ANSWER, "Delmål": "Hälsofrämjande insatser (ny text)"}})
    fill(form, INDIKATORER, {"I2.1.1": {"Målvärde": 50, "Utfall T1 2026": 58.5}})
    fill(form, INDIKATORER, {"I2.1.4": {"Utfall T1 2026": "1 450"}})

    result = collect(example, tmp_path, [form], partial=True)

    assert lines(result) == [
        f"Fel: {form.name}, blad {DELMAL}, rad 3, kolumn Delmål, värde 'Hälsofrämjande "
        "insatser (ny text)': "
        + words.MSG_FORM_LOCKED.format(expected="Hälsofrämjande insatser är tydligt prioriterade"),
        f"Fel: {form.name}, blad {INDIKATORER}, rad 3, kolumn Målvärde, värde '50': "
        + words.MSG_FORM_LOCKED.format(expected="60"),
    ]
    assert result.written and result.merged == {"bedomningar": 0, "utfall": 1}
    collected = load_dataset(tmp_path / "d2", today=TODAY)
    new = collected.outcomes[collected.outcomes["period"] == "2026-T1"]
    assert new[["indikator_id", "varde"]].values.tolist() == [["I2.1.4", 1450.0]]


def test_rows_not_in_the_plan_are_refused(example, forms, tmp_path):
    form = form_of(forms / "hela", "hela planen")
    row = add_row(form, DELMAL, {"Delmål-id": "D9.9", **ANSWER})
    full_year = add_row(form, INDIKATORER, {"Indikator-id": "I2.4.1", "Utfall T1 2026": 12})
    no_id = add_row(form, INDIKATORER, {"Utfall T1 2026": 12})

    result = collect(example, tmp_path, [form])

    sheet = f"{form.name}, blad {INDIKATORER}"
    message = words.MSG_FORM_NOT_IN_PLAN.format(what="Delmålet", id="D9.9")
    not_due = words.MSG_FORM_NOT_DUE.format(id="I2.4.1", period="Tertial 1 2026")
    assert lines(result) == [
        f"Fel: {form.name}, blad {DELMAL}, rad {row}, kolumn Delmål-id, värde 'D9.9': {message}",
        f"Fel: {sheet}, rad {full_year}, kolumn Indikator-id, värde 'I2.4.1': {not_due}",
        f"Fel: {sheet}, rad {no_id}, kolumn Indikator-id: {words.MSG_FORM_NO_ID}",
    ]


def test_the_same_delmal_answered_differently_in_two_forms_is_a_conflict(example, forms, tmp_path):
    owner, whole = form_of(forms / "per", FOLK), form_of(forms / "hela", "hela planen")
    fill(owner, DELMAL, {"D2.1": ANSWER})
    fill(whole, DELMAL, {"D2.1": {**ANSWER, "Status": "Kommer inte att uppnås"}})
    fill(whole, DELMAL, {"D1.1": ANSWER})
    whole_row = rows_of(whole, DELMAL)["D2.1"]

    result = collect(example, tmp_path, [owner, whole], partial=True)

    conflict = words.MSG_FORM_CONFLICT.format
    assert lines(result) == [
        f"Fel: {owner.name}, blad {DELMAL}, rad 3, värde 'D2.1': "
        + conflict(
            what="Delmålet", id="D2.1", other=f"{whole.name}, blad {DELMAL}", other_row=whole_row
        ),
        f"Fel: {whole.name}, blad {DELMAL}, rad {whole_row}, värde 'D2.1': "
        + conflict(what="Delmålet", id="D2.1", other=f"{owner.name}, blad {DELMAL}", other_row=3),
    ]
    collected = load_dataset(tmp_path / "d2", today=TODAY)
    new = collected.assessments[collected.assessments["period"] == "2026-T1"]
    assert list(new["delmal_id"]) == ["D1.1"]  # nothing merged for D2.1


def test_the_same_answer_in_two_forms_is_merged_once(example, forms, tmp_path):
    owner, whole = form_of(forms / "per", FOLK), form_of(forms / "hela", "hela planen")
    fill(owner, DELMAL, {"D2.1": ANSWER})
    fill(whole, DELMAL, {"D2.1": {**ANSWER, "Status": "uppnås"}})  # the same status, in short

    result = collect(example, tmp_path, [owner, whole])

    assert lines(result) == [] and result.merged["bedomningar"] == 1


def test_owners_without_a_returned_form_and_empty_rows_are_listed(example, forms, tmp_path):
    owner = form_of(forms / "per", FOLK)
    fill(owner, DELMAL, {"D2.1": ANSWER})
    fill(owner, INDIKATORER, {"I2.1.1": {"Utfall T1 2026": 58.5}})

    result = collect(example, tmp_path, [owner])

    assert result.written and lines(result) == []
    found = lines(result, Severity.WARNING)
    empty = words.MSG_FORM_EMPTY_ROW.format(owner=FOLK)
    assert found[0] == f"Varning: {owner.name}, blad {INDIKATORER}, rad 4, värde 'I2.1.4': {empty}"
    missing = words.MSG_FORM_MISSING.format(
        owner="Beredskapschef", rows="1 delmål och 2 indikatorer"
    )
    assert f"Varning: Uppföljning 2026-T1 - Beredskapschef.xlsx: {missing}" in found
    assert len(found) == 1 + 16  # one empty row, sixteen owners who did not answer


def test_a_row_removed_from_a_returned_form_is_listed(example, forms, tmp_path):
    owner = form_of(forms / "per", FOLK)
    book = load_workbook(owner)
    book[INDIKATORER].delete_rows(4)  # I2.1.4
    book.save(owner)

    result = collect(example, tmp_path, [owner])

    message = words.MSG_FORM_ROW_MISSING.format(what="Indikatorn", id="I2.1.4", owner=FOLK)
    assert f"Varning: {owner.name}, värde 'I2.1.4': {message}" in lines(result, Severity.WARNING)


def test_an_answer_that_would_change_d_is_refused_unless_replacing(example, forms, tmp_path):
    form = form_of(forms / "t3", "Verksamhetschef barn- och ungdomspsykiatrin")
    fill(form, DELMAL, {"D1.1": {**ANSWER, "Status": "Kommer inte att uppnås"}})

    refused = collect(example, tmp_path, [form])

    message = words.MSG_FORM_OVERWRITE.format(
        what="Delmålet", id="D1.1", period="2025-T3", source="bedomningar.csv", row=7
    )
    assert lines(refused) == [f"Fel: {form.name}, blad {DELMAL}, rad 3, värde 'D1.1': {message}"]
    assert not refused.written

    replaced = collect(example, tmp_path, [form], replace=True)

    assert replaced.written and lines(replaced) == []
    collected = load_dataset(tmp_path / "d2", today=TODAY)
    rows = collected.assessments[collected.assessments["delmal_id"] == "D1.1"]
    assert len(rows) == len(example.assessments[example.assessments["delmal_id"] == "D1.1"])
    t3 = rows[rows["period"] == "2025-T3"].iloc[0]
    assert (t3["status"], t3["kommentar"]) == ("rod", "Enligt plan.")


def test_an_answer_d_already_has_is_no_problem_and_changes_nothing(example, forms, tmp_path):
    form = form_of(forms / "t3", "Verksamhetschef barn- och ungdomspsykiatrin")
    before = example.assessments
    t3 = before[(before["delmal_id"] == "D1.1") & (before["period"] == "2025-T3")].iloc[0]
    same = {
        "Status": {v: k for k, v in STATUS_WORDS.items()}[t3["status"]],
        "Kommentar": t3["kommentar"],
        "Författare": t3["forfattare"],
        "Datum": datetime.combine(t3["datum"].date(), datetime.min.time()),
    }
    fill(form, DELMAL, {"D1.1": same})

    result = collect(example, tmp_path, [form])

    assert lines(result) == [] and result.merged["bedomningar"] == 0
    copied = (tmp_path / "d2" / "bedomningar.csv").read_bytes()
    assert copied == (EXAMPLE_DATA / "bedomningar.csv").read_bytes()


def test_on_errors_nothing_is_written_and_with_delvis_the_clean_part_is(example, forms, tmp_path):
    good, bad = form_of(forms / "per", FOLK), form_of(forms / "per", "Beredskapschef")
    fill(good, DELMAL, {"D2.1": ANSWER})
    fill(bad, DELMAL, {"D2.2": {**ANSWER, "Status": "kanske"}})
    fill(bad, INDIKATORER, {"I2.2.1": {"Utfall T1 2026": 81}})

    strict = collect(example, tmp_path, [good, bad])
    assert not strict.written and len(errors(strict.problems)) == 1
    assert not (tmp_path / "d2").exists()

    partial = collect(example, tmp_path, [good, bad], partial=True)
    assert partial.written and partial.merged == {"bedomningar": 1, "utfall": 1}
    collected = load_dataset(tmp_path / "d2", today=TODAY)
    assert list(
        collected.assessments["delmal_id"][collected.assessments["period"] == "2026-T1"]
    ) == ["D2.1"]


def test_a_workbook_that_is_no_form_or_no_workbook_or_another_tertial_is_refused(
    example, forms, tmp_path
):
    other = tmp_path / "annat.xlsx"
    Workbook().save(other)
    text = tmp_path / "text.xlsx"
    text.write_text("hej", encoding="utf-8")
    first = form_of(forms / "per", FOLK)
    later = form_of(forms / "t3", FOLK)

    result = collect(example, tmp_path, [first, other, text, later])

    assert lines(result) == [
        f"Fel: annat.xlsx: {words.MSG_FORM_NOT_FORM}",
        f"Fel: text.xlsx: {words.MSG_FORM_UNREADABLE}",
        f"Fel: {later.name}: "
        + words.MSG_FORM_OTHER_PERIOD.format(period="2025-T3", expected="2026-T1"),
    ]


def test_a_renamed_header_stops_that_sheet(example, forms, tmp_path):
    form = form_of(forms / "per", FOLK)
    book = load_workbook(form)
    book[DELMAL].cell(2, 5).value = "Bedömning"
    book.save(form)

    result = collect(example, tmp_path, [form])

    message = words.MSG_FORM_NO_COLUMN.format(column="Status")
    assert lines(result) == [f"Fel: {form.name}, blad {DELMAL}, rad 2: {message}"]


def test_d_is_never_modified(example, forms, tmp_path):
    def digest(folder: Path) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}

    before = digest(EXAMPLE_DATA)
    form = form_of(forms / "hela", "hela planen")
    fill(form, DELMAL, {"D1.1": ANSWER})
    assert collect(example, tmp_path, [form]).written
    assert digest(EXAMPLE_DATA) == before


def test_values_are_read_as_the_form_shows_them(example, forms, tmp_path):
    form = form_of(forms / "per", FOLK)
    fill(
        form,
        INDIKATORER,
        {"I2.1.1": {"Utfall T1 2026": 0.665}, "I2.1.4": {"Utfall T1 2026": "1 450"}},
    )
    book = load_workbook(form)
    book[INDIKATORER]["H3"].number_format = "0.0%"  # typed as 66,5 % in a percent cell
    book.save(form)

    assert collect(example, tmp_path, [form]).written

    collected = load_dataset(tmp_path / "d2", today=TODAY)
    new = collected.outcomes[collected.outcomes["period"] == "2026-T1"]
    assert new[["indikator_id", "varde"]].values.tolist() == [["I2.1.1", 66.5], ["I2.1.4", 1450.0]]
