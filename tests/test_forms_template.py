"""`mall`: the forms of a tertial, read back with openpyxl as Excel would open them."""

from __future__ import annotations

import time
from datetime import date

import pytest
from builders import make_dataset
from formfill import DELMAL, INDIKATORER, form_of, rows_of
from openpyxl import load_workbook

from hsn_analysis.dataset import Dataset
from hsn_analysis.forms.content import Split, form_contents
from hsn_analysis.forms.layout import HEADER_ROW, INFO_SHEET, file_names, safe_name
from hsn_analysis.forms.template import STATUS_CHOICES, write_forms
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.words import forms as words

T1 = Period(2026, 1)


@pytest.fixture(scope="module")
def example() -> Dataset:
    return load_dataset(EXAMPLE_DATA)


@pytest.fixture(scope="module")
def owner_forms(example, tmp_path_factory):
    folder = tmp_path_factory.mktemp("formular")
    write_forms(example, T1, folder, split=Split.OWNER, deadline=date(2026, 5, 10))
    return folder


def test_one_form_per_owner_named_after_the_role(example, owner_forms):
    owners = set(example.subgoals["ansvarig"]) | set(example.indicators["ansvarig"]) - {""}
    names = sorted(p.name for p in owner_forms.iterdir())
    assert names == sorted(f"Uppföljning 2026-T1 - {owner}.xlsx" for owner in owners)


def test_each_owner_gets_only_their_rows_and_together_the_whole_plan(example, owner_forms):
    subgoals, indicators = [], []
    for path in owner_forms.iterdir():
        subgoals += rows_of(path, DELMAL)
        indicators += rows_of(path, INDIKATORER)
    assert sorted(subgoals) == sorted(example.subgoals["delmal_id"])
    # Not those made from the basenheter's values: the units report them, not the board.
    ind = example.indicators
    due = ind[(ind["frekvens"] == "tertial") & (ind["aggregering"] == "")]
    assert sorted(indicators) == sorted(due["indikator_id"])
    assert list(rows_of(form_of(owner_forms, "Folkhälsostrateg"), DELMAL)) == ["D2.1"]
    assert list(rows_of(form_of(owner_forms, "Folkhälsostrateg"), INDIKATORER)) == [
        "I2.1.1",
        "I2.1.4",
    ]


def test_an_indicator_without_ansvarig_goes_to_its_delmal_owner(owner_forms):
    form = form_of(owner_forms, "Verksamhetschef barnhälsovården")
    assert list(rows_of(form, INDIKATORER)) == ["I1.2.1"]


def test_full_year_indicators_are_asked_for_only_at_t3(example):
    def asked(period):
        (content,) = form_contents(example, period, None)
        return {r.indicator_id for r in content.indicators}

    assert "I5.1.1" not in asked(T1)
    assert "I5.1.1" in asked(Period(2026, 3))


def test_indicators_made_from_the_units_values_are_not_asked_for(example):
    (content,) = form_contents(example, Period(2026, 3), None)
    asked = {r.indicator_id for r in content.indicators}
    made = set(example.indicators.loc[example.indicators["aggregering"] != "", "indikator_id"])
    assert made and not made & asked


def test_the_status_column_is_a_drop_down_of_the_accepted_words(owner_forms):
    book = load_workbook(form_of(owner_forms, "Folkhälsostrateg"))
    sheet = book[DELMAL]
    (status,) = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert status.formula1 == '"' + ",".join(STATUS_CHOICES) + '"'
    assert STATUS_CHOICES == (
        "Kommer att uppnås",
        "Kommer delvis att uppnås",
        "Kommer inte att uppnås",
    )
    assert str(status.sqref) == "E3"
    assert status.showErrorMessage and status.errorStyle == "stop"
    assert status.showInputMessage and status.prompt == words.PROMPT_STATUS
    values = book[INDIKATORER].data_validations.dataValidation
    assert [(v.type, str(v.sqref)) for v in values] == [("decimal", "H3:H4")]


def test_locked_columns_are_protected_without_password_and_answers_are_open(owner_forms):
    book = load_workbook(form_of(owner_forms, "Folkhälsostrateg"))
    sheet = book[DELMAL]
    assert sheet.protection.sheet and not sheet.protection.password
    headers = [c.value for c in sheet[2]]
    assert headers == [
        "Delmål-id",
        "Delmål",
        "Status T3 2025",
        "Kommentar T3 2025",
        "Status",
        "Kommentar",
        "Författare",
        "Datum",
    ]
    row = sheet[3]
    assert [c.protection.locked for c in row] == [True] * 4 + [False] * 4
    assert [c.value for c in row[:3]] == [
        "D2.1",
        "Hälsofrämjande insatser är tydligt prioriterade",
        "Kommer delvis att uppnås",
    ]
    assert row[3].value.startswith("Målet har delvis uppnåtts under 2025.")
    assert sheet.cell(4, 5).protection.locked  # no open cells below the plan's rows
    assert sheet.freeze_panes == "B3"
    indicators = book[INDIKATORER]
    assert [c.protection.locked for c in indicators[3]] == [True] * 7 + [False] * 2


def test_numbers_keep_their_decimals_and_group_thousands(owner_forms):
    sheet = load_workbook(form_of(owner_forms, "Analytiker vårdanalys"))[INDIKATORER]
    cells = {sheet.cell(r, 1).value: r for r in range(3, sheet.max_row + 1)}
    target, last = sheet.cell(cells["I2.1.2"], 5), sheet.cell(cells["I1.1.1"], 6)
    assert (target.value, target.number_format) == (1800, "#,##0")
    assert (last.value, last.number_format) == (72.4, "#,##0.0")


def test_instructions_come_first_and_name_owner_deadline_and_accepted_words(owner_forms):
    book = load_workbook(form_of(owner_forms, "Beredskapschef"))
    assert book.sheetnames[:3] == [words.SHEET_INSTRUCTIONS, DELMAL, INDIKATORER]
    text = "\n".join(str(c.value) for c in book[words.SHEET_INSTRUCTIONS]["A"] if c.value)
    assert "Formulär för: Beredskapschef" in text
    assert "Lämnas senast: 10 maj 2026" in text
    assert "1 delmål att bedöma och 2 indikatorer" in text
    assert "Kommer delvis att uppnås" in text
    assert book[INFO_SHEET].sheet_state == "veryHidden"


def test_without_per_one_form_holds_the_whole_plan(example, tmp_path):
    (path,) = write_forms(example, T1, tmp_path)
    assert path.name == "Uppföljning 2026-T1 - hela planen.xlsx"
    assert list(rows_of(path, DELMAL)) == list(example.subgoals["delmal_id"])


def test_rows_without_any_owner_share_one_form(tmp_path):
    dataset = make_dataset(
        subgoals=[{"delmal_id": "D1", "ansvarig": "Chefläkare"}, {"delmal_id": "D2"}],
        indicators=[{"indikator_id": "I1", "delmal_id": "D2"}],
    )
    paths = write_forms(dataset, T1, tmp_path, split=Split.OWNER)
    assert [p.name for p in paths] == [
        "Uppföljning 2026-T1 - Chefläkare.xlsx",
        f"Uppföljning 2026-T1 - {words.NO_OWNER}.xlsx",
    ]
    assert list(rows_of(paths[1], INDIKATORER)) == ["I1"]


@pytest.mark.parametrize(
    ("role", "name"),
    [
        (
            "Verksamhetschef barn- och ungdomspsykiatrin",
            "Verksamhetschef barn- och ungdomspsykiatrin",
        ),
        ("Chef HR/ekonomi: norr?", "Chef HR ekonomi norr"),
        ('Strateg "jämlik" vård.', "Strateg jämlik vård"),
        ("  två   mellanslag ", "två mellanslag"),
        ("CON", "_CON"),
        ("///", "_"),
    ],
)
def test_roles_become_file_names_every_system_accepts(role, name):
    assert safe_name(role) == name


def test_two_roles_that_read_alike_get_distinct_files():
    names = file_names(["HR/ekonomi", "HR ekonomi", None], T1)
    assert names == [
        "Uppföljning 2026-T1 - HR ekonomi.xlsx",
        "Uppföljning 2026-T1 - HR ekonomi (2).xlsx",
        "Uppföljning 2026-T1 - hela planen.xlsx",
    ]


def test_the_same_plan_gives_the_same_file_byte_for_byte_whenever_it_is_written(tmp_path):
    dataset = load_dataset(EXAMPLE_DATA)
    period = Period.parse("2025-T3")
    first = write_forms(dataset, period, tmp_path / "a", split=Split.OWNER)
    # openpyxl stamps the second of saving into the file: the second writing starts in a later
    # second than any form of the first was saved in.
    time.sleep(1.01 - time.time() % 1)
    second = write_forms(dataset, period, tmp_path / "b", split=Split.OWNER)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_a_year_to_date_indicator_says_so_in_its_unit_cell_and_the_instructions(owner_forms):
    form = form_of(owner_forms, "Folkhälsostrateg")
    book = load_workbook(form)
    sheet = book[INDIKATORER]
    headers = {c.value: c.column for c in sheet[HEADER_ROW] if c.value}
    rows = rows_of(form, INDIKATORER)
    unit = headers[words.HEADER_UNIT]
    assert sheet.cell(rows["I2.1.4"], unit).value == "antal samtal, hittills i år"
    assert sheet.cell(rows["I2.1.1"], unit).value == "%"  # a share of the tertial alone
    instructions = " ".join(
        str(c.value) for r in book.worksheets[0].iter_rows() for c in r if c.value
    )
    assert "hittills i år" in instructions and "januari till tertialets slut" in instructions
