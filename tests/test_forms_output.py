"""The collected dataset D2 is written in D's own dialect, or as D's workbook with rows added."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from formfill import DELMAL, INDIKATORER, fill, fill_sheets
from openpyxl import load_workbook

from hsn_analysis.forms.merge import collect_forms
from hsn_analysis.forms.template import write_forms
from hsn_analysis.paths import PROJECT_ROOT
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset

T1 = Period(2026, 1)
TODAY = date(2026, 6, 1)
TABLES = {
    "installningar.toml": 'namn = "Nämnden"\nar = 2026\n',
    "mal.csv": "mal_id,namn\nM1,Ett mål\n",
    "delmal.csv": "delmal_id,mal_id,namn,ansvarig\nD1,M1,Ett delmål,Chefläkare\n",
    "indikatorer.csv": (
        "indikator_id,delmal_id,namn,maltyp,malvarde,enhet,frekvens\n"
        "I1,D1,Andel,minst,80.5,%,tertial\n"
    ),
    "utfall.csv": (
        'indikator_id,period,varde,malvarde,kommentar\nI1,2025-T3,"70.25",,"Så, med komma"\n'
    ),
    "bedomningar.csv": "delmal_id,period,status\nD1,2025-T3,delvis\n",
}


def write_dataset(folder: Path, encoding: str, newline: str) -> Path:
    folder.mkdir()
    for name, text in TABLES.items():
        (folder / name).write_bytes(text.replace("\n", newline).encode(encoding))
    return folder


def filled_form(data: Path, folder: Path) -> Path:
    (form,) = write_forms(load_dataset(data, today=TODAY), T1, folder)
    fill(
        form,
        DELMAL,
        {"D1": {"Status": "delvis", "Författare": "Chefläkare", "Datum": datetime(2026, 5, 8)}},
    )
    fill(form, INDIKATORER, {"I1": {"Utfall T1 2026": 77.5, "Kommentar": "Ökar, som väntat"}})
    return form


@pytest.mark.parametrize(
    ("encoding", "newline"), [("utf-8", "\n"), ("cp1252", "\r\n")], ids=["utf8-lf", "cp1252-crlf"]
)
def test_a_csv_dataset_keeps_its_separator_encoding_line_ends_and_decimal_point(
    tmp_path, encoding, newline
):
    data = write_dataset(tmp_path / "d", encoding, newline)
    form = filled_form(data, tmp_path / "formular")

    result = collect_forms(
        load_dataset(data, today=TODAY), data, tmp_path / "d2", [form], today=TODAY
    )

    assert result.written, [str(p) for p in result.problems]
    outcomes = (tmp_path / "d2" / "utfall.csv").read_bytes().decode(encoding)
    assert (
        outcomes
        == TABLES["utfall.csv"].replace("\n", newline).replace('"70.25"', "70.25")
        + 'I1,2026-T1,77.5,,"Ökar, som väntat"'
        + newline
    )
    assessments = (tmp_path / "d2" / "bedomningar.csv").read_bytes().decode(encoding)
    assert assessments.split(newline) == [
        "delmal_id,period,status,forfattare,datum",  # the answered columns D lacked, appended
        "D1,2025-T3,delvis",
        "D1,2026-T1,Kommer delvis att uppnås,Chefläkare,2026-05-08",
        "",
    ]
    for name in ("installningar.toml", "mal.csv", "delmal.csv", "indikatorer.csv"):
        assert (tmp_path / "d2" / name).read_bytes() == (data / name).read_bytes()
    assert load_dataset(tmp_path / "d2", today=TODAY).outcomes["varde"].tolist() == [70.25, 77.5]


def test_the_example_dialect_gets_decimal_commas_and_keeps_every_byte_of_d(tmp_path):
    data = tmp_path / "exempel"
    shutil.copytree(PROJECT_ROOT / "data" / "exempel", data)
    dataset = load_dataset(data, today=TODAY)  # the forms' plan, and the data collected into
    (form,) = write_forms(dataset, T1, tmp_path / "formular")
    fill(form, INDIKATORER, {"I1.1.1": {"Utfall T1 2026": "66,5"}})

    assert collect_forms(dataset, data, tmp_path / "d2", [form], today=TODAY).written

    before = (data / "utfall.csv").read_bytes()
    after = (tmp_path / "d2" / "utfall.csv").read_bytes()
    assert after == before + b"I1.1.1;2026-T1;66,5;;\r\n"


def test_a_workbook_dataset_gets_the_rows_as_numbers_and_dates_and_keeps_its_sheets(tmp_path):
    data = tmp_path / "plan.xlsx"
    shutil.copy(PROJECT_ROOT / "data" / "exempel.xlsx", data)
    dataset = load_dataset(data, today=TODAY)  # the forms' plan, and the data collected into
    (form,) = write_forms(dataset, T1, tmp_path / "formular")
    fill_sheets(
        form,
        {
            DELMAL: {"D1.1": {"Status": "Kommer att uppnås", "Datum": datetime(2026, 5, 8)}},
            INDIKATORER: {"I1.1.1": {"Utfall T1 2026": "66,5"}},
        },
    )
    out = tmp_path / "plan-2026-T1.xlsx"

    assert collect_forms(dataset, data, out, [form], today=TODAY).written

    before, after = load_workbook(data), load_workbook(out)
    assert after.sheetnames == before.sheetnames
    outcomes = after["utfall"]
    assert outcomes.max_row == before["utfall"].max_row + 1
    assert [c.value for c in outcomes[outcomes.max_row]][:3] == ["I1.1.1", "2026-T1", 66.5]
    assessments = after["bedomningar"]
    last = [c.value for c in assessments[assessments.max_row]]
    assert last[:3] == ["D1.1", "2026-T1", "Kommer att uppnås"]
    assert last[5] == datetime(2026, 5, 8)
    assert [[c.value for c in r] for r in after["indikatorer"]] == [
        [c.value for c in r] for r in before["indikatorer"]
    ]
