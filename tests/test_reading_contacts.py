"""Reading the data's people: `ansvariga` (who holds each role) and `enheter.e_post` are checked
with located Swedish messages, in CSV folders and workbooks alike, and never reach a report."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from test_validation import TODAY, check, write_dataset

from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import check_dataset
from hsn_analysis.rules.result import compute_result, load_result, save_result
from hsn_analysis.vocabulary import Severity

# The valid test plan with two roles: D1 and its indicator I1 belong to the Folkhälsostrateg,
# D2 and I2, I3 to the Chefläkare.
PLAN = {
    "delmal.csv": (
        "delmal_id;mal_id;namn;ansvarig\n"
        "D1;M1;Färre barn i fattigdom;Folkhälsostrateg\n"
        "D2;M2;Kortare väntan;Chefläkare\n"
    ),
}
PEOPLE = (
    "ansvarig;namn;e_post\n"
    "Folkhälsostrateg;Sara Lundgren;sara.lundgren@region.example\n"
    "Chefläkare;Eva Sandström;eva.sandstrom@region.example\n"
    "Chefläkare;Per Holm;per.holm@region.example\n"
)
UNITS = "enhet_id;namn;omrade;ansvarig;e_post\nPV01;Hälsocentral 1;Primärvård;;{address}\n"


def people(*rows: str, header: str = "ansvarig;namn;e_post") -> dict[str, str]:
    return PLAN | {"ansvariga.csv": "\n".join([header, *rows]) + "\n"}


def found(result, severity: Severity = Severity.ERROR) -> list[tuple]:
    return [
        (p.source, p.row, p.column, p.value, p.message)
        for p in result.problems
        if p.severity is severity
    ]


def test_a_dataset_without_ansvariga_has_no_owners_and_no_problem_about_them(tmp_path):
    result = check(tmp_path, PLAN)
    assert result.problems == [] and result.dataset.owners.empty


def test_every_person_of_every_role_is_read_with_the_address_as_written(tmp_path):
    result = check(tmp_path, PLAN | {"ansvariga.csv": PEOPLE})
    assert result.problems == []
    owners = result.dataset.owners
    assert owners[owners["ansvarig"] == "Chefläkare"]["e_post"].tolist() == [
        "eva.sandstrom@region.example",
        "per.holm@region.example",
    ]
    assert list(owners.columns) == ["ansvarig", "namn", "e_post"]


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("sara.lundgren", "ingen e-postadress"),
        ("sara@region", "domän med punkt"),
        ("@region.example", "namnet före @"),
        ("åsa@region.example", "tecken utanför a–z"),
        ("a@region.example, b@region.example", "en adress per post"),
        ("Sara Lundgren <sara@region.example>", "Skriv bara adressen"),
    ],
)
def test_a_malformed_address_is_an_error_at_its_row_and_column(tmp_path, address, says):
    result = check(tmp_path, people(f'Folkhälsostrateg;Sara;"{address}"', "Chefläkare;Eva;e@r.se"))
    ((source, row, column, value, message),) = found(result)
    assert (source, row, column, value) == ("ansvariga.csv", 2, "e_post", address)
    assert says in message and result.dataset is None


def test_a_person_twice_under_one_role_is_an_error_naming_the_first_row(tmp_path):
    result = check(
        tmp_path,
        people(
            "Folkhälsostrateg;Sara;sara@region.example",
            "Chefläkare;Eva;eva@region.example",
            "chefläkare ;Eva S;EVA@Region.example",
        ),
    )
    ((source, row, column, _, message),) = found(result)
    assert (source, row, column) == ("ansvariga.csv", 4, "e_post")
    assert "rad 3" in message


def test_one_person_may_hold_two_roles(tmp_path):
    result = check(
        tmp_path,
        people("Folkhälsostrateg;Sara;sara@region.example", "Chefläkare;Sara;sara@region.example"),
    )
    assert result.problems == []


@pytest.mark.parametrize("column", ["ansvarig", "namn"])
def test_a_line_break_in_a_role_or_a_name_is_an_error_it_would_forge_a_mail_header(
    tmp_path, column
):
    role, name = "Folkhälsostrateg", "Sara"
    if column == "ansvarig":
        role = '"Folkhälsostrateg\r\nBcc: alla@region.example"'
    else:
        name = '"Sara\nBcc: alla@region.example"'
    result = check(
        tmp_path, people(f"{role};{name};sara@region.example", "Chefläkare;Eva;e@region.example")
    )
    assert [(e[0], e[1], e[2]) for e in found(result)] == [("ansvariga.csv", 2, column)]
    assert "radbrytningar" in found(result)[0][4]


def test_a_role_of_the_plan_without_a_person_is_a_warning_at_the_plan_row(tmp_path):
    result = check(tmp_path, people("Folkhälsostrateg;Sara;sara@region.example"))
    assert found(result) == []
    ((source, row, column, value, message),) = found(result, Severity.WARNING)
    assert (source, row, column, value) == ("delmal.csv", 3, "ansvarig", "Chefläkare")
    assert "ingen person i ansvariga.csv" in message


def test_a_person_of_a_role_the_plan_lacks_is_a_warning_a_typo_perhaps(tmp_path):
    result = check(
        tmp_path,
        people(
            "Folkhälsostrateg;Sara;sara@region.example",
            "Chefläkare;Eva;eva@region.example",
            "Chefläkaren;Per;per@region.example",
        ),
    )
    ((source, row, column, value, message),) = found(result, Severity.WARNING)
    assert (source, row, column, value) == ("ansvariga.csv", 4, "ansvarig", "Chefläkaren")
    assert "stavfel" in message


def test_roles_match_whatever_their_case_and_spacing(tmp_path):
    result = check(
        tmp_path,
        people("folkhälsostrateg;Sara;sara@region.example", "Chefläkare ;Eva;eva@region.example"),
    )
    assert result.problems == []


def test_an_empty_address_is_an_error_as_every_required_cell(tmp_path):
    result = check(tmp_path, people("Folkhälsostrateg;Sara;", "Chefläkare;Eva;eva@region.example"))
    assert [(e[0], e[1], e[2]) for e in found(result)] == [("ansvariga.csv", 2, "e_post")]


def test_a_units_chief_address_is_read_and_a_bad_one_is_located(tmp_path):
    (tmp_path / "good").mkdir()
    good = check(
        tmp_path / "good", {"enheter.csv": UNITS.format(address="chef.pv01@region.example")}
    )
    assert good.problems == []
    assert good.dataset.units["e_post"].tolist() == ["chef.pv01@region.example"]
    (tmp_path / "bad").mkdir()
    bad = check(tmp_path / "bad", {"enheter.csv": UNITS.format(address="chef.pv01")})
    assert [(e[0], e[1], e[2], e[3]) for e in found(bad)] == [
        ("enheter.csv", 2, "e_post", "chef.pv01")
    ]


def test_units_without_an_address_are_warned_of_only_when_others_have_one(tmp_path):
    two = UNITS.format(address="chef@region.example") + "PV02;Hälsocentral 2;Primärvård;;\n"
    result = check(tmp_path, {"enheter.csv": two})
    ((source, row, column, _, message),) = found(result, Severity.WARNING)
    assert (source, row, column) == ("enheter.csv", 3, "e_post") and "PV02" in message
    (tmp_path / "none").mkdir()
    none = UNITS.format(address="") + "PV02;Hälsocentral 2;Primärvård;;\n"
    assert check(tmp_path / "none", {"enheter.csv": none}).problems == []


def test_a_workbook_sheet_ansvariga_is_read_and_checked_as_the_csv_is(tmp_path):
    (tmp_path / "csv").mkdir()
    bad_row = "Chefläkare;Per;per.holm"
    folder = write_dataset(tmp_path / "csv", PLAN | {"ansvariga.csv": PEOPLE + bad_row + "\n"})
    book = openpyxl.Workbook()
    book.remove(book.active)
    settings = book.create_sheet("installningar")
    settings.append(["namn", "ar"])
    settings.append(["Hälso- och sjukvårdsnämnden", 2025])
    for path in sorted(Path(folder).glob("*.csv")):
        sheet = book.create_sheet(path.stem)
        for line in path.read_text(encoding="utf-8").splitlines():
            sheet.append(line.split(";"))
    book.save(tmp_path / "data.xlsx")
    result = check_dataset(tmp_path / "data.xlsx", today=TODAY)
    assert [(e[0], e[1], e[2], e[3]) for e in found(result)] == [
        ("data.xlsx, blad ansvariga", 5, "e_post", "per.holm")
    ]


def test_the_dataset_handed_to_a_report_kernel_has_no_address(tmp_path):
    units = UNITS.format(address="chef.pv01@region.example")
    result = check(tmp_path, PLAN | {"ansvariga.csv": PEOPLE, "enheter.csv": units})
    save_result(compute_result(result.dataset, Period.parse("2025-T2")), tmp_path / "r.pickle")
    kernel = load_result(tmp_path / "r.pickle").dataset
    assert set(kernel.owners["e_post"]) == {""} and set(kernel.units["e_post"]) == {""}
    assert kernel.owners["namn"].tolist() == result.dataset.owners["namn"].tolist()
    assert kernel.goals.equals(result.dataset.goals)


def test_no_address_of_the_example_data_reaches_its_report_notebook_or_record(example_report):
    dataset = check_dataset(EXAMPLE_DATA).dataset
    addresses = set(dataset.owners["e_post"]) | set(dataset.units["e_post"])
    assert len(addresses) == 17 + 58  # every owner and every unit's chief has one
    for path in (example_report.html, example_report.notebook, example_report.record):
        text = path.read_text(encoding="utf-8")
        assert "@exempel.invalid" not in text, path
        assert not [a for a in addresses if a in text], path
