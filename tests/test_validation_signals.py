"""Reading the Kolada and SPC additions: optional columns, kolada_id, the jamforelser input."""

from __future__ import annotations

import runpy
from pathlib import Path

import openpyxl
from test_validation import TODAY, VALID, check, located, only, write_dataset

from hsn_analysis.dataset import COMPARISON_COLUMNS
from hsn_analysis.reading.validation import check_dataset

ROOT = Path(__file__).resolve().parent.parent
INDICATORS = (
    "indikator_id;delmal_id;namn;maltyp;malvarde;enhet;frekvens;gul_fran;"
    "kolada_kpi;kolada_kon;spc_fran\n"
    "I1;D1;Andel vaccinerade;minst;80;%;tertial;;n79176;;2024-T1\n"
    "I2;D2;Väntetid;högst;30;dagar;tertial;85;U20462;k;\n"
    "I3;D2;Nöjdhet;öka;;;helår;;;;\n"
)
COMPARISONS = (
    "indikator_id;ar;omrade_id;omrade;varde;kpi;kpi_titel;hamtad\n"
    "I1;2024;0024;Region Västerbotten;71,5;N79176;Titel;2026-11-30T12:00:00+00:00\n"
    "I1;2024;0;Riket;70;N79176;Titel;2026-11-30T12:00:00+00:00\n"
    "I1;2024;1;Region Stockholm;68;N79176;Titel;\n"
)


def test_without_the_new_columns_and_file_a_dataset_has_no_mappings_and_no_comparisons(tmp_path):
    data = check(tmp_path).dataset
    assert data.settings.kolada_id is None
    assert data.indicators["kolada_kpi"].tolist() == ["", "", ""]
    assert data.indicators["kolada_kon"].tolist() == ["T", "T", "T"]
    assert data.indicators["spc_fran"].tolist() == ["", "", ""]
    assert data.comparisons.empty and list(data.comparisons.columns) == COMPARISON_COLUMNS


def test_the_kolada_columns_are_read_in_any_case_and_spc_fran_as_a_period(tmp_path):
    changes = {
        "indikatorer.csv": INDICATORS,
        "installningar.toml": VALID["installningar.toml"] + "kolada_id = 24\n",
    }
    result = check(tmp_path, changes)
    assert result.problems == []
    data = result.dataset
    assert data.settings.kolada_id == "0024"  # a number loses its zeros; they are put back
    assert data.indicators["kolada_kpi"].tolist() == ["N79176", "U20462", ""]
    assert data.indicators["kolada_kon"].tolist() == ["T", "K", "T"]
    assert data.indicators["spc_fran"].tolist() == ["2024-T1", "", ""]


def test_bad_kolada_and_spc_cells_are_errors_naming_file_row_column_and_value(tmp_path):
    bad = INDICATORS.replace("n79176;;2024-T1", "79176;x;vår 2024")
    result = check(tmp_path, {"indikatorer.csv": bad})
    found = {p.column: p for p in result.problems}
    assert located(found["kolada_kpi"]) == ("indikatorer.csv", 2, "kolada_kpi", "79176")
    assert "N79176" in found["kolada_kpi"].message
    assert located(found["kolada_kon"]) == ("indikatorer.csv", 2, "kolada_kon", "x")
    assert "T (totalt)" in found["kolada_kon"].message
    assert located(found["spc_fran"]) == ("indikatorer.csv", 2, "spc_fran", "vår 2024")
    assert result.dataset is None


def test_riket_or_a_bad_kolada_id_in_the_settings_is_an_error(tmp_path):
    for value in ('"0000"', '"Västerbotten"'):
        toml = VALID["installningar.toml"] + f"kolada_id = {value}\n"
        result = check_dataset(write_dataset(tmp_path, {"installningar.toml": toml}), today=TODAY)
        problem = only(result)
        assert (problem.source, problem.row, problem.column) == (
            "installningar.toml",
            3,
            "kolada_id",
        )
        assert "0024" in problem.message


def test_jamforelser_is_read_with_area_ids_padded_and_years_as_integers(tmp_path):
    result = check(tmp_path, {"jamforelser.csv": COMPARISONS})
    assert result.problems == []
    comparisons = result.dataset.comparisons
    assert comparisons["omrade_id"].tolist() == ["0024", "0000", "0001"]
    assert comparisons["ar"].tolist() == [2024, 2024, 2024]
    assert comparisons["varde"].tolist() == [71.5, 70.0, 68.0]
    assert "jamforelser.csv" in [s.name for s in result.dataset.sources]


def test_every_problem_in_jamforelser_is_located(tmp_path):
    rows = (
        "indikator_id;ar;omrade_id;omrade;varde\n"
        "I9;2024;0024;Region Västerbotten;71\n"  # row 2: unknown indicator
        "I1;tjugo;0024;Region Västerbotten;71\n"  # row 3: not a year
        "I1;2024;Västerbotten;;71\n"  # row 4: not an area id
        "I1;2024;0024;;sjuttio\n"  # row 5: not a number
        "I1;2024;24;Region Västerbotten;72\n"  # row 6: the same as row 5 once padded
    )
    result = check(tmp_path, {"jamforelser.csv": rows})
    assert [located(p) for p in result.problems] == [
        ("jamforelser.csv", 2, "indikator_id", "I9"),
        ("jamforelser.csv", 3, "ar", "tjugo"),
        ("jamforelser.csv", 4, "omrade_id", "Västerbotten"),
        ("jamforelser.csv", 5, "varde", "sjuttio"),
        ("jamforelser.csv", 6, "omrade_id", "24"),
    ]
    assert "rad 5" in result.problems[-1].message


def test_a_workbook_may_have_a_jamforelser_sheet_or_none(tmp_path):
    write_workbook = runpy.run_path(str(ROOT / "scripts" / "make_example_workbook.py"))[
        "write_workbook"
    ]
    folder = tmp_path / "csv"
    folder.mkdir()
    data = check(folder, {"jamforelser.csv": COMPARISONS}).dataset
    book = tmp_path / "bok.xlsx"
    write_workbook(data, book)
    read = check_dataset(book, today=TODAY)
    assert read.problems == []
    assert read.dataset.comparisons["omrade_id"].tolist() == ["0024", "0000", "0001"]
    workbook = openpyxl.load_workbook(book)
    del workbook["jamforelser"]
    workbook.save(book)
    assert check_dataset(book, today=TODAY).dataset.comparisons.empty


def test_reading_a_folder_without_jamforelser_reports_no_missing_file(tmp_path: Path):
    assert not any("jamforelser" in str(p) for p in check(tmp_path).problems)
