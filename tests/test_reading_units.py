"""Reading basenheter: the optional unit tables are checked with located Swedish messages, and
an aggregated indicator's board value comes from its units (never from two sources)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from test_validation import TODAY, VALID, check, write_dataset

from hsn_analysis.reading.cells import fold
from hsn_analysis.reading.validation import check_dataset
from hsn_analysis.vocabulary import Severity

UNITS = (
    "enhet_id;namn;omrade;ansvarig\n"
    + "".join(f"PV{i:02d};Hälsocentral {i};Primärvård;\n" for i in range(1, 31))
    + "".join(f"SV{i:02d};Klinik {i};Sjukhusvård;\n" for i in range(1, 25))
)
# I4 is the våld indicator: each unit answers ja or nej; the board value is the share ja.
INDICATORS = (
    VALID["indikatorer.csv"].replace("gul_fran\n", "gul_fran;aggregering;omrade\n")
    + "I4;D1;Andel enheter som frågar om våld;minst;80;%;tertial;;andel_ja;\n"
)


def answers(period: str = "2025-T2", pv_yes: int = 6, sv_yes: int = 9) -> str:
    """Every unit's ja/nej for I4: the first `pv_yes` and `sv_yes` units answer ja."""
    rows = [f"I4;PV{i:02d};{period};{'ja' if i <= pv_yes else 'nej'};" for i in range(1, 31)]
    rows += [f"I4;SV{i:02d};{period};{'ja' if i <= sv_yes else 'nej'};" for i in range(1, 25)]
    return "indikator_id;enhet_id;period;varde;kommentar\n" + "\n".join(rows) + "\n"


def with_units(values: str | None = None, **extra: str | None) -> dict[str, str | None]:
    return {
        "indikatorer.csv": INDICATORS,
        "enheter.csv": UNITS,
        "enhetsutfall.csv": answers() if values is None else values,
        **{f"{name}.csv": text for name, text in extra.items()},
    }


def errors_of(result) -> list[tuple[str, int | None, str | None, str | None, str]]:
    return [
        (p.source, p.row, p.column, p.value, p.message)
        for p in result.problems
        if p.severity is Severity.ERROR
    ]


def test_a_dataset_without_unit_tables_has_no_units_and_only_its_own_outcomes(tmp_path):
    data = check(tmp_path).dataset
    assert data.units.empty and data.unit_outcomes.empty and data.unit_assessments.empty
    assert len(data.outcomes) == 4


def test_6_of_30_and_9_of_24_units_saying_ja_give_the_board_value_15_of_54(tmp_path):
    result = check(tmp_path, with_units())
    assert errors_of(result) == []
    outcomes = result.dataset.outcomes
    made = outcomes.loc[outcomes["indikator_id"] == "I4"]
    assert made["period"].tolist() == ["2025-T2"]
    assert made["varde"].iloc[0] == pytest.approx(100 * 15 / 54)  # unrounded: 27,777…


def test_a_unit_that_did_not_report_is_left_out_never_read_as_nej(tmp_path):
    values = answers().replace("I4;PV30;2025-T2;nej;", "I4;PV30;2025-T2;ej rapporterat;")
    values = values.replace("I4;SV24;2025-T2;nej;\n", "")
    result = check(tmp_path, with_units(values))
    assert errors_of(result) == []
    data = result.dataset
    assert data.unit_outcomes["varde"].isna().sum() == 1
    made = data.outcomes.loc[data.outcomes["indikator_id"] == "I4", "varde"].iloc[0]
    assert made == pytest.approx(100 * 15 / 52)


BAD_CASES = [
    # (what, file, old text, new text, file with the error, column, message fragment)
    (
        "unknown unit",
        "enhetsutfall",
        "I4;PV01;",
        "I4;PV99;",
        "enhetsutfall.csv",
        "enhet_id",
        "Okänt enhet_id",
    ),
    (
        "word that is not ja/nej",
        "enhetsutfall",
        "I4;PV01;2025-T2;ja;",
        "I4;PV01;2025-T2;kanske;",
        "enhetsutfall.csv",
        "varde",
        "andel ja",
    ),
    (
        "same unit twice",
        "enhetsutfall",
        "I4;PV02;2025-T2;ja;",
        "I4;PV01;2025-T2;ja;",
        "enhetsutfall.csv",
        "period",
        "finns redan ett värde för I4 för enheten PV01",
    ),
    (
        "unknown aggregation",
        "indikatorer",
        ";andel_ja;",
        ";andel;",
        "indikatorer.csv",
        "aggregering",
        "Okänd aggregering",
    ),
    (
        "unknown område",
        "indikatorer",
        ";andel_ja;",
        ";andel_ja;Tandvård",
        "indikatorer.csv",
        "omrade",
        "Okänt område",
    ),
    (
        "unit outside the indicator's område",
        "indikatorer",
        ";andel_ja;",
        ";andel_ja;Primärvård",
        "enhetsutfall.csv",
        "enhet_id",
        "hör till Sjukhusvård",
    ),
    (
        "duplicate unit id",
        "enheter",
        "SV02;Klinik 2;",
        "SV01;Klinik 2;",
        "enheter.csv",
        "enhet_id",
        "finns redan på rad",  # and how a unit that moves gets a row of its own
    ),
    (
        "empty område",
        "enheter",
        "SV02;Klinik 2;Sjukhusvård;",
        "SV02;Klinik 2;;",
        "enheter.csv",
        "omrade",
        "omrade",
    ),
]


@pytest.mark.parametrize(
    ("what", "table", "old", "new", "source", "column", "fragment"),
    BAD_CASES,
    ids=[c[0] for c in BAD_CASES],
)
def test_bad_unit_data_is_an_error_located_by_file_row_and_column(
    tmp_path, what, table, old, new, source, column, fragment
):
    files = with_units()
    text = files[f"{table}.csv"]
    assert old in text
    files[f"{table}.csv"] = text.replace(old, new, 1)
    result = check(tmp_path, files)
    found = [e for e in errors_of(result) if e[0] == source and e[2] == column]
    assert found, errors_of(result)
    assert result.dataset is None
    assert all(e[1] is not None for e in found)
    assert any(fold(fragment) in fold(e[4]) for e in found), found


def test_a_board_outcome_and_unit_values_for_the_same_period_are_two_sources(tmp_path):
    files = with_units()
    files["utfall.csv"] = VALID["utfall.csv"] + "I4;2025-T2;30;;\n"
    result = check(tmp_path, files)
    [error] = errors_of(result)
    assert error[:4] == ("utfall.csv", 6, "indikator_id", "I4")
    assert "Två källor" in error[4] and "enhetsutfall" in error[4]


def test_a_board_outcome_of_another_period_is_its_own_value(tmp_path):
    files = with_units()
    files["utfall.csv"] = VALID["utfall.csv"] + "I4;2025-T1;30;;\n"
    data = check(tmp_path, files).dataset
    i4 = data.outcomes.loc[data.outcomes["indikator_id"] == "I4"].sort_values("period")
    assert i4["varde"].tolist() == [30, pytest.approx(100 * 15 / 54)]


def test_unit_values_of_an_indicator_without_aggregation_are_an_error(tmp_path):
    values = answers().replace("I4;PV01;2025-T2;ja;", "I1;PV01;2025-T2;3;")
    result = check(tmp_path, with_units(values))
    assert ("enhetsutfall.csv", 2, "indikator_id", "I1") in [e[:4] for e in errors_of(result)]


def test_unit_tables_without_enheter_are_an_error(tmp_path):
    files = with_units()
    files["enheter.csv"] = None
    result = check(tmp_path, files)
    assert any("kräver tabellen enheter" in e[4] for e in errors_of(result))


def test_unit_assessments_are_read_with_the_status_words_and_checked(tmp_path):
    assessments = (
        "delmal_id;enhet_id;period;status;kommentar;forfattare;datum\n"
        "D1;PV01;2025-T2;kommer delvis att uppnås;Text;Chef;2025-09-20\n"
        "D1;PV02;2025-T2;röd;;;\n"
    )
    data = check(tmp_path, with_units(enhetsbedomningar=assessments)).dataset
    assert data.unit_assessments["status"].tolist() == ["gul", "rod"]
    bad = assessments + "D1;PV01;2025-T2;grön;;;\nD9;PV03;2025-T2;grön;;;\nD1;PV04;2025-T2;blå;;;\n"
    (tmp_path / "b").mkdir()
    result = check(tmp_path / "b", with_units(enhetsbedomningar=bad))
    located = {(e[1], e[2]) for e in errors_of(result) if e[0] == "enhetsbedomningar.csv"}
    assert located == {(4, "period"), (5, "delmal_id"), (6, "status")}


def test_a_workbook_with_unit_sheets_gives_the_same_board_value(tmp_path):
    (tmp_path / "csv").mkdir()
    folder = write_dataset(tmp_path / "csv", with_units())
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
    from_csv = check_dataset(folder, today=TODAY).dataset
    from_book = check_dataset(tmp_path / "data.xlsx", today=TODAY).dataset
    assert from_book is not None and from_csv is not None
    assert from_book.outcomes["varde"].tolist() == from_csv.outcomes["varde"].tolist()
    assert len(from_book.units) == 54
