"""Reading how values were measured: `matning`, `kolada_enhet`, `taljare` and `namnare`; a
value that is not its parts' ratio is an error, a per-tertial series that looks year to date a
warning naming the indicator and the years."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from test_validation import TODAY, check, located

from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.reading.measurement import looks_year_to_date
from hsn_analysis.reading.validation import check_dataset
from hsn_analysis.vocabulary import Severity

INDICATORS = (
    "indikator_id;delmal_id;namn;maltyp;malvarde;enhet;frekvens;matning;kolada_enhet\n"
    "I1;D1;Andel vaccinerade;minst;80;%;tertial;Hittills i år;\n"
    "I2;D2;Väntetid;högst;30;dagar;tertial;;per 1 000 invånare\n"
    "I3;D2;Nöjdhet;öka;;;helår;tertial;\n"
)
PARTS = (
    "indikator_id;period;varde;taljare;namnare\n"
    "I1;2025-T1;70;70;100\n"
    "I2;2025-T1;25;;\n"
    "I1;2025-T2;85,5;171;200\n"
    "I2;2025-T2;31;;\n"
)


def test_matning_is_read_in_any_case_and_defaults_to_tertial(tmp_path):
    result = check(tmp_path, {"indikatorer.csv": INDICATORS, "utfall.csv": PARTS})
    assert result.problems == []
    data = result.dataset
    assert data.indicators["matning"].tolist() == ["hittills_i_ar", "tertial", "tertial"]
    assert data.indicators["kolada_enhet"].tolist() == ["", "per 1 000 invånare", ""]
    assert data.outcomes["taljare"].tolist()[::2] == [70.0, 171.0]
    assert data.outcomes["namnare"].isna().tolist() == [False, True, False, True]


def test_without_the_new_columns_every_indicator_is_per_tertial(tmp_path):
    data = check(tmp_path).dataset
    assert data.indicators["matning"].tolist() == ["tertial"] * 3
    assert data.outcomes["taljare"].isna().all()


@pytest.mark.parametrize(
    ("row", "column", "value", "words"),
    [
        ("I1;2025-T2;85,5;171;", "taljare", "171", "kolumnen namnare är tom"),
        ("I1;2025-T2;85,5;;200", "namnare", "200", "kolumnen taljare är tom"),
        ("I1;2025-T2;85,5;171;0", "namnare", "0", "större än 0"),
        ("I1;2025-T2;85,5;-1;200", "taljare", "-1", "inte vara negativ"),
        ("I1;2025-T2;85,5;sju;200", "taljare", "sju", "tal"),
        # 171 / 200 × 100 = 85,5: 86 is not it (written without decimals: 85,5–86,5 is fine)
        ("I1;2025-T2;84,5;171;200", "varde", "84,5", "171 / 200 × 100 = 85,5 %"),
    ],
)
def test_bad_parts_are_errors_naming_file_row_column_and_value(tmp_path, row, column, value, words):
    outcomes = PARTS.replace("I1;2025-T2;85,5;171;200", row)
    result = check(tmp_path, {"indikatorer.csv": INDICATORS, "utfall.csv": outcomes})
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    assert [located(p) for p in errors] == [("utfall.csv", 4, column, value)]
    assert words in errors[0].message
    assert result.dataset is None


def test_a_value_rounded_as_written_matches_its_parts(tmp_path):
    outcomes = PARTS.replace("I1;2025-T2;85,5;171;200", "I1;2025-T2;86;171;200")
    result = check(tmp_path, {"indikatorer.csv": INDICATORS, "utfall.csv": outcomes})
    assert result.problems == []


def test_an_unknown_matning_is_an_error_listing_the_valid_words(tmp_path):
    bad = INDICATORS.replace("Hittills i år", "kumulativt")
    result = check(tmp_path, {"indikatorer.csv": bad})
    problem = next(p for p in result.problems if p.column == "matning")
    assert located(problem) == ("indikatorer.csv", 2, "matning", "kumulativt")
    assert "hittills_i_ar" in problem.message and "tertial" in problem.message


@pytest.mark.parametrize(
    ("values", "years"),
    [
        ([725, 1376, 2081, 696, 1328, 2012, 668, 1281], [2022, 2023]),  # I2.1.2, undeclared
        ([725, 1376, 2081, 696, 1328, 2012], []),  # one drop is not yet a pattern
        ([47.0, 48.2, 47.6, 49.1, 50.3, 51.0, 52.4, 54.1], []),  # falls within 2021
        ([10, 20, 30, 40, 50, 60, 70], []),  # rises all along: no drop at T1
        ([0, 0, 0, 0, 0, 0, 1], []),  # flat is no rise
    ],
)
def test_a_series_looks_year_to_date_when_it_rises_within_years_and_drops_at_t1(values, years):
    periods = [f"{2021 + i // 3}-T{i % 3 + 1}" for i in range(len(values))]
    assert looks_year_to_date(pd.Series(values, index=periods, dtype=float)) == years


def test_validate_warns_about_an_undeclared_year_to_date_series_and_names_the_years(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, folder)
    indicators = folder / "indikatorer.csv"
    text = indicators.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("I2.1.2;"))
    lines[i] = lines[i].replace(";hittills_i_ar;", ";;")  # left per tertial
    indicators.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_dataset(folder, today=TODAY.replace(year=2025, month=10))
    warned = [p for p in result.problems if p.column == "matning"]
    assert [(p.severity, p.source, p.row) for p in warned] == [
        (Severity.WARNING, "indikatorer.csv", i + 1)
    ]
    assert "I2.1.2" in warned[0].message
    assert "åren 2022, 2023, 2024 och 2025" in warned[0].message
    assert result.dataset is not None  # a warning stops nothing


def test_the_example_declares_its_year_to_date_series_and_gets_no_such_warning():
    result = check_dataset(EXAMPLE_DATA, today=TODAY)
    assert not [p for p in result.problems if p.column == "matning"]
    declared = result.dataset.indicators.set_index("indikator_id")["matning"]
    assert declared["I2.1.2"] == "hittills_i_ar" and declared["I1.1.1"] == "tertial"
