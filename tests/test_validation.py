"""Validation: every problem kind is reported with file, row, column and value; valid data
becomes a typed Dataset whatever dialect it was written in."""

import random
from datetime import date, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hsn_analysis.dataset import (
    ASSESSMENT_COLUMNS,
    GOAL_COLUMNS,
    INDICATOR_COLUMNS,
    OUTCOME_COLUMNS,
    SUBGOAL_COLUMNS,
    Dataset,
)
from hsn_analysis.problems import InvalidDatasetError, Problem
from hsn_analysis.reading.repeats import repeated as _repeated
from hsn_analysis.reading.validation import ValidationResult, check_dataset, load_dataset
from hsn_analysis.vocabulary import RollupRule, Severity

TODAY = date(2025, 10, 1)
VALID = {
    "installningar.toml": 'namn = "Hälso- och sjukvårdsnämnden"\nar = 2025\n',
    "mal.csv": "mal_id;namn\nM1;Trygga uppväxtvillkor\nM2;God vård\n",
    "delmal.csv": "delmal_id;mal_id;namn\nD1;M1;Färre barn i fattigdom\nD2;M2;Kortare väntan\n",
    "indikatorer.csv": (
        "indikator_id;delmal_id;namn;maltyp;malvarde;enhet;frekvens;gul_fran\n"
        "I1;D1;Andel vaccinerade;minst;80;%;tertial;\n"
        "I2;D2;Väntetid;högst;30;dagar;tertial;85\n"
        "I3;D2;Nöjdhet;öka;;;helår;\n"
    ),
    "utfall.csv": (
        "indikator_id;period;varde;malvarde;kommentar\n"
        "I1;2025-T1;70;;\n"
        "I2;2025-T1;25;;\n"
        "I1;2025-T2;85,5;;Bättre\n"
        "I2;2025-T2;31;;\n"
    ),
    "bedomningar.csv": (
        "delmal_id;period;status;kommentar;forfattare;datum\n"
        "D1;2025-T1;delvis;Text;Anna;2025-05-10\n"
        "D2;2025-T1;uppnås;;;\n"
        "D1;2025-T2;kommer inte att uppnås;;;\n"
        "D2;2025-T2;gul;;;2025-09-26\n"
    ),
}


def write_dataset(folder: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the valid dataset with some files replaced (None leaves a file out)."""
    for name, content in (VALID | (changes or {})).items():
        if isinstance(content, str):
            (folder / name).write_text(content, encoding="utf-8")
        elif isinstance(content, bytes):
            (folder / name).write_bytes(content)
    return folder


def check(folder: Path, changes: dict[str, str | bytes | None] | None = None) -> ValidationResult:
    return check_dataset(write_dataset(folder, changes), today=TODAY)


def check_in(folder: Path, changes: dict[str, str | bytes | None] | None = None) -> Dataset:
    """The dataset of a new subfolder; it must be valid."""
    folder.mkdir()
    result = check(folder, changes)
    assert result.problems == []
    return result.dataset


def with_row(name: str, row: str) -> dict[str, str]:
    """The valid file with one more row at the end (Excel row = its line count + 1)."""
    return {name: VALID[name] + row + "\n"}


def only(result: ValidationResult, severity: Severity = Severity.ERROR) -> Problem:
    found = [p for p in result.problems if p.severity is severity]
    assert len(found) == 1, [str(p) for p in result.problems]
    return found[0]


def located(problem: Problem) -> tuple:
    return (problem.source, problem.row, problem.column, problem.value)


# --- a valid dataset ------------------------------------------------------------------------


def test_a_valid_folder_gives_a_typed_dataset_without_problems(tmp_path):
    result = check(tmp_path)
    assert result.ok and result.problems == []
    data = result.dataset
    assert data.settings.board_name == "Hälso- och sjukvårdsnämnden"
    assert data.settings.year == 2025
    assert data.settings.yellow_from == 90.0
    assert data.settings.rollup_rule is RollupRule.MAJORITY
    assert list(data.indicators["maltyp"]) == ["minst", "högst", "öka"]
    assert list(data.indicators["frekvens"]) == ["tertial", "tertial", "helår"]
    assert list(data.indicators["enhet"]) == ["%", "dagar", ""]
    assert data.indicators["gul_fran"].isna().tolist() == [True, False, True]
    assert list(data.outcomes["varde"]) == [70.0, 25.0, 85.5, 31.0]
    assert list(data.assessments["status"]) == ["gul", "gron", "rod", "gul"]
    assert data.assessments["datum"].iloc[0] == datetime(2025, 5, 10)
    assert pd.isna(data.assessments["datum"].iloc[1])
    assert data.periods == ["2025-T1", "2025-T2"]
    assert [s.name for s in data.sources] == [
        "installningar.toml",
        "mal.csv",
        "delmal.csv",
        "indikatorer.csv",
        "utfall.csv",
        "bedomningar.csv",
    ]


def test_frames_have_exactly_the_contract_columns_and_types(tmp_path):
    changes = {"mal.csv": "mal_id;namn;anteckning\nM1;A;x\nM2;B;\n"}
    data = check(tmp_path, changes).dataset
    frames = [data.goals, data.subgoals, data.indicators, data.outcomes, data.assessments]
    contract = [GOAL_COLUMNS, SUBGOAL_COLUMNS, INDICATOR_COLUMNS, OUTCOME_COLUMNS]
    assert [list(f.columns) for f in frames] == [*contract, ASSESSMENT_COLUMNS]
    numbers = {"malvarde", "gul_fran", "varde", "taljare", "namnare"}
    for frame in frames:
        for column in frame.columns:
            if column in numbers:
                assert frame[column].dtype == "float64"
            elif column == "datum":
                assert pd.api.types.is_datetime64_dtype(frame[column])
            else:
                assert pd.api.types.is_string_dtype(frame[column]), column
                assert frame[column].map(type).eq(str).all(), column


def test_files_with_only_headers_give_empty_frames_of_the_same_types(tmp_path):
    full = check_in(tmp_path / "full")
    empty = {
        "utfall.csv": "indikator_id;period;varde\n",
        "bedomningar.csv": "delmal_id;period;status;datum\n",
    }
    (tmp_path / "empty").mkdir()
    result = check(tmp_path / "empty", empty)
    # Each empty table is said, as a warning: a file that lost its rows is no silent success.
    assert [(p.severity, p.source) for p in result.problems] == [
        (Severity.WARNING, "utfall.csv"),
        (Severity.WARNING, "bedomningar.csv"),
    ]
    empty = result.dataset
    for frame in ("outcomes", "assessments"):
        assert len(getattr(empty, frame)) == 0
        assert getattr(empty, frame).dtypes.to_dict() == getattr(full, frame).dtypes.to_dict()


def test_load_dataset_raises_with_every_problem_when_there_are_errors(tmp_path):
    write_dataset(tmp_path, {"mal.csv": None, "delmal.csv": None})
    with pytest.raises(InvalidDatasetError) as caught:
        load_dataset(tmp_path, today=TODAY)
    assert [p.source for p in caught.value.problems][:2] == ["mal.csv", "delmal.csv"]


def test_load_dataset_returns_the_dataset_when_valid(tmp_path):
    assert isinstance(load_dataset(write_dataset(tmp_path), today=TODAY), Dataset)


def test_a_path_that_does_not_exist_raises_file_not_found_in_swedish(tmp_path):
    with pytest.raises(FileNotFoundError, match="Hittar inte"):
        check_dataset(tmp_path / "saknas")


# --- one failing input per problem kind -----------------------------------------------------


def test_a_missing_file_names_what_was_looked_for_and_where(tmp_path):
    result = check(tmp_path, {"utfall.csv": None})
    problem = only(result)
    assert located(problem) == ("utfall.csv", None, None, None)
    assert "utfall.csv" in problem.message and str(tmp_path) in problem.message
    assert result.dataset is None


def test_random_bytes_in_a_file_are_a_problem_not_a_traceback(tmp_path):
    result = check(tmp_path, {"delmal.csv": b"\x00\x81\xfe garbage"})
    assert only(result).source == "delmal.csv"


def test_a_missing_required_column_lists_the_columns_found(tmp_path):
    changes = {"indikatorer.csv": "indikator_id;delmal_id;namn;frekvens\nI1;D1;A;tertial\n"}
    problem = only(check(tmp_path, changes))
    assert located(problem) == ("indikatorer.csv", 1, "maltyp", None)
    assert "indikator_id, delmal_id, namn, frekvens" in problem.message


def test_two_headers_meaning_the_same_column_are_an_error(tmp_path):
    changes = {"mal.csv": "mal_id;Namn;namn\nM1;A;A\nM2;B;B\n"}
    problem = only(check(tmp_path, changes))
    assert located(problem) == ("mal.csv", 1, "namn", None)
    assert "Namn" in problem.message


def test_an_unknown_column_is_a_warning_and_the_dataset_is_still_made(tmp_path):
    result = check(tmp_path, {"mal.csv": "mal_id;namn;Ansvarig\nM1;A;Eva\nM2;B;\n"})
    problem = only(result, Severity.WARNING)
    assert located(problem) == ("mal.csv", 1, "Ansvarig", None)
    assert "används inte" in problem.message
    assert result.ok and result.dataset.warnings == (problem,)


def test_an_empty_required_cell_names_file_row_and_column(tmp_path):
    problem = only(check(tmp_path, with_row("mal.csv", "M3;  ")))
    assert located(problem) == ("mal.csv", 4, "namn", None)
    assert "saknas" in problem.message


def test_a_duplicate_id_names_the_row_where_it_first_appeared(tmp_path):
    problem = only(check(tmp_path, with_row("mal.csv", "M1;Igen")))
    assert located(problem) == ("mal.csv", 4, "mal_id", "M1")
    assert "rad 2" in problem.message


@pytest.mark.parametrize(
    ("name", "row", "column", "value", "valid"),
    [
        ("delmal.csv", "D3;M9;Nytt", "mal_id", "M9", "M1, M2"),
        ("indikatorer.csv", "I4;D9;Ny;ingen;;;tertial;", "delmal_id", "D9", "D1, D2"),
        ("utfall.csv", "I9;2025-T1;5;;", "indikator_id", "I9", "I1, I2, I3"),
        ("bedomningar.csv", "D9;2025-T1;gul;;;", "delmal_id", "D9", "D1, D2"),
    ],
)
def test_an_unknown_reference_names_file_row_column_value_and_valid_ids(
    tmp_path, name, row, column, value, valid
):
    problem = only(check(tmp_path, with_row(name, row)))
    assert located(problem) == (name, VALID[name].count("\n") + 1, column, value)
    assert valid in problem.message


def test_an_unknown_delmal_reference_names_file_row_column_and_value(tmp_path):
    changes = {"indikatorer.csv": VALID["indikatorer.csv"].replace("I2;D2", "I2;D7")}
    problem = only(check(tmp_path, changes))
    assert str(problem).startswith("Fel: indikatorer.csv, rad 3, kolumn delmal_id, värde 'D7': ")


@pytest.mark.parametrize(
    ("name", "row", "column", "value"),
    [
        ("utfall.csv", "I3;2025;12 st;;", "varde", "12 st"),
        ("utfall.csv", "I3;2025;12;ca 5;", "malvarde", "ca 5"),
        ("indikatorer.csv", "I4;D1;Ny;minst;ca 5;;tertial;", "malvarde", "ca 5"),
        ("indikatorer.csv", "I4;D1;Ny;ingen;;;tertial;nittio", "gul_fran", "nittio"),
    ],
)
def test_a_non_numeric_value_is_an_error_saying_what_a_number_looks_like(
    tmp_path, name, row, column, value
):
    problem = only(check(tmp_path, with_row(name, row)))
    assert located(problem) == (name, VALID[name].count("\n") + 1, column, value)
    assert "12,5" in problem.message


def test_gul_fran_outside_0_to_100_is_an_error(tmp_path):
    problem = only(check(tmp_path, with_row("indikatorer.csv", "I4;D1;Ny;ingen;;;tertial;120")))
    assert located(problem) == ("indikatorer.csv", 5, "gul_fran", "120")
    assert "0 och 100" in problem.message


def test_an_unparseable_period_gets_the_period_hint(tmp_path):
    problem = only(check(tmp_path, with_row("utfall.csv", "I1;hösten 2025;5;;")))
    assert located(problem) == ("utfall.csv", 6, "period", "hösten 2025")
    assert "2025-T2" in problem.message


def test_an_unknown_status_word_lists_the_valid_words(tmp_path):
    changes = {"bedomningar.csv": VALID["bedomningar.csv"].replace(";gul;", ";orange;")}
    problem = only(check(tmp_path, changes))
    assert located(problem) == ("bedomningar.csv", 5, "status", "orange")
    assert "uppnås ej" in problem.message


def test_an_unknown_target_type_lists_the_valid_types(tmp_path):
    rows = "I4;D1;X;ingen;;;tertial;\nI5;D1;Y;ingen;;;tertial;\nI6;D1;Z;störst;;;tertial;\n"
    problem = only(check(tmp_path, {"indikatorer.csv": VALID["indikatorer.csv"] + rows}))
    assert problem == Problem(
        Severity.ERROR,
        "indikatorer.csv",
        "Okänd måltyp. Giltiga värden: minst, högst, öka, minska, ingen.",
        row=7,
        column="maltyp",
        value="störst",
    )


def test_an_unknown_frequency_lists_the_valid_frequencies(tmp_path):
    problem = only(check(tmp_path, with_row("indikatorer.csv", "I4;D1;X;ingen;;;månad;")))
    assert located(problem) == ("indikatorer.csv", 5, "frekvens", "månad")
    assert "tertial, helår" in problem.message


def test_a_minst_indicator_without_any_target_is_an_error(tmp_path):
    problem = only(check(tmp_path, with_row("indikatorer.csv", "I4;D1;X;minst;;;helår;")))
    assert located(problem) == ("indikatorer.csv", 5, "malvarde", None)
    assert "minst" in problem.message


def test_a_target_given_only_in_the_outcomes_is_enough(tmp_path):
    changes = {
        "indikatorer.csv": VALID["indikatorer.csv"] + "I4;D1;X;högst;;;helår;\n",
        "utfall.csv": VALID["utfall.csv"] + "I4;2024;5;4;\n",
    }
    assert check(tmp_path, changes).ok


@pytest.mark.parametrize("spelling", ["2025-T2", "T2 2025", "Tertial 2 2025", "2025 t2"])
def test_two_outcomes_for_the_same_period_name_both_rows(tmp_path, spelling):
    problem = only(check(tmp_path, with_row("utfall.csv", f"I1;{spelling};9;;")))
    assert located(problem) == ("utfall.csv", 6, "period", spelling)
    assert "rad 4" in problem.message and "2025-T2" in problem.message


def test_a_bare_year_and_t3_are_the_same_period_for_assessments(tmp_path):
    rows = "D1;2025;gul;;;\nD2;2025;gul;;;\nD1;2025-T3;rod;;;\n"
    problem = only(check(tmp_path, {"bedomningar.csv": VALID["bedomningar.csv"] + rows}))
    assert located(problem) == ("bedomningar.csv", 8, "period", "2025-T3")
    assert "rad 6" in problem.message


def test_a_full_year_indicator_with_a_tertial_value_is_an_error(tmp_path):
    problem = only(check(tmp_path, with_row("utfall.csv", "I3;2025-T1;4;;")))
    assert located(problem) == ("utfall.csv", 6, "period", "2025-T1")
    assert "2025-T3" in problem.message


def test_an_unterminated_quote_is_an_error_naming_the_row(tmp_path):
    problem = only(check(tmp_path, with_row("utfall.csv", 'I1;2024;5;;"' + "x" * 140_000)))
    assert located(problem) == ("utfall.csv", 6, None, None)
    assert "citattecken" in problem.message


def test_a_period_that_has_not_begun_is_an_error(tmp_path):
    problem = only(check(tmp_path, with_row("bedomningar.csv", "D1;2026-T1;gul;;;")))
    assert located(problem) == ("bedomningar.csv", 6, "period", "2026-T1")
    assert "2026-01-01" in problem.message


def test_today_decides_which_periods_have_begun(tmp_path):
    write_dataset(tmp_path)
    result = check_dataset(tmp_path, today=date(2025, 4, 30))
    assert {p.value for p in result.problems} == {"2025-T2"}


def test_a_bad_date_says_how_to_write_one(tmp_path):
    problem = only(check(tmp_path, with_row("bedomningar.csv", "D1;2025;gul;;;26/9 2025")))
    assert located(problem) == ("bedomningar.csv", 6, "datum", "26/9 2025")
    assert "2025-09-26" in problem.message


@pytest.mark.parametrize(
    ("toml", "row", "column", "value"),
    [
        ("ar = 2025\n", None, "namn", None),
        ('namn = ""\nar = 2025\n', 1, "namn", None),
        ('namn = "HSN"\nar = "tjugo"\n', 2, "ar", "tjugo"),
        ('namn = "HSN"\n', None, "ar", None),
        ('namn = "HSN"\nar = 2025\ngul_fran = 120\n', 3, "gul_fran", "120"),
        ('namn = "HSN"\nar = 2025\nmalstatus_regel = "medel"\n', 3, "malstatus_regel", "medel"),
        ('namn = "HSN"\nar = 2025\nexempeldata = "kanske"\n', 3, "exempeldata", "kanske"),
        ('namn = ["HSN"]\nar = 2025\n', 1, "namn", None),
    ],
)
def test_settings_problems_name_the_key_and_value(tmp_path, toml, row, column, value):
    problem = only(check(tmp_path, {"installningar.toml": toml}))
    assert located(problem) == ("installningar.toml", row, column, value)


def test_a_toml_syntax_error_names_the_line(tmp_path):
    problem = only(check(tmp_path, {"installningar.toml": "namn = HSN\nar = 2025\n"}))
    assert located(problem) == ("installningar.toml", 1, None, None)


@pytest.mark.parametrize(
    ("toml", "yellow", "rule", "example"),
    [
        ('gul_fran = "85 %"\nmalstatus_regel = "Sämsta"\nexempeldata = true', 85.0, "sämsta", True),
        ('gul_fran = 80\nmalstatus_regel = "samsta"\nexempeldata = "ja"', 80.0, "sämsta", True),
        ('"Gul från" = "87,5"\nexempeldata = "falskt"', 87.5, "majoritet", False),
    ],
)
def test_optional_settings_accept_their_spellings(tmp_path, toml, yellow, rule, example):
    settings_toml = VALID["installningar.toml"] + toml + "\n"
    data = check(tmp_path, {"installningar.toml": settings_toml}).dataset
    assert data.settings.yellow_from == yellow
    assert data.settings.rollup_rule == rule
    assert data.settings.example_data is example


# --- warnings -------------------------------------------------------------------------------


def test_a_subgoal_without_assessment_in_an_assessed_period_is_warned_once(tmp_path):
    result = check(tmp_path, with_row("bedomningar.csv", "D1;2025;gul;;;"))
    problem = only(result, Severity.WARNING)
    assert located(problem) == ("bedomningar.csv", None, "delmal_id", "D2")
    assert "2025-T3" in problem.message and "ej bedömt" in problem.message
    assert result.ok


def test_a_tertial_indicator_without_outcome_is_warned_but_full_year_ones_only_at_t3(tmp_path):
    result = check(tmp_path, with_row("utfall.csv", "I1;2024;5;;"))
    assert {p.value for p in result.problems} == {"I2", "I3"}
    assert all(p.severity is Severity.WARNING for p in result.problems)
    assert all("2024-T3" in p.message for p in result.problems)


def test_several_problems_in_one_dataset_are_all_reported_in_file_and_row_order(tmp_path):
    changes = {
        "installningar.toml": 'namn = "HSN"\nar = 20\n',
        "delmal.csv": VALID["delmal.csv"] + "D1;M1;Igen\nD3;M7;Ny\n",
        "utfall.csv": VALID["utfall.csv"] + "I1;2025-T2;12 st;;\nI2;senare;1;;\n",
        "bedomningar.csv": VALID["bedomningar.csv"].replace(";uppnås;", ";toppen;"),
    }
    result = check(tmp_path, changes)
    assert [located(p) for p in result.problems if p.severity is Severity.ERROR] == [
        ("installningar.toml", 2, "ar", "20"),
        ("delmal.csv", 4, "delmal_id", "D1"),
        ("delmal.csv", 5, "mal_id", "M7"),
        ("utfall.csv", 6, "varde", "12 st"),
        ("utfall.csv", 6, "period", "2025-T2"),
        ("utfall.csv", 7, "period", "senare"),
        ("bedomningar.csv", 3, "status", "toppen"),
    ]
    assert [located(p) for p in result.problems][-1] == ("bedomningar.csv", None, "delmal_id", "D3")
    assert result.dataset is None


# --- dialects -------------------------------------------------------------------------------


@pytest.mark.parametrize("separator", [",", "\t"])
def test_comma_and_tab_separated_files_give_the_same_dataset(tmp_path, separator):
    csv_files = {n: t.replace(";", separator) for n, t in VALID.items() if n.endswith(".csv")}
    csv_files["utfall.csv"] = csv_files["utfall.csv"].replace("85,5", '"85,5"')
    expected = check_in(tmp_path / "semicolon")
    assert_same_dataset(check_in(tmp_path / "other", csv_files), expected)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_bom_and_cp1252_files_give_the_same_dataset(tmp_path, encoding):
    encoded = {n: t.encode(encoding) for n, t in VALID.items() if n.endswith(".csv")}
    expected = check_in(tmp_path / "utf8")
    assert_same_dataset(check_in(tmp_path / "encoded", encoded), expected)


@pytest.mark.parametrize(
    ("written", "value"),
    [("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5), ("1\u202f234,5", 1234.5), ("90 %", 90.0),
     ("90%", 90.0), ("12.25", 12.25), ("\u22123", -3.0), ('"1,5"', 1.5)],
)  # fmt: skip
def test_outcome_values_are_read_in_every_excel_spelling(tmp_path, written, value):
    data = check(tmp_path, {"utfall.csv": VALID["utfall.csv"].replace("85,5", written)}).dataset
    assert data.outcomes["varde"].iloc[2] == value


@pytest.mark.parametrize(
    "header",
    [
        "Indikator ID;Delmål ID;Namn;Måltyp;Målvärde;Enhet;Frekvens;Gul från",
        "INDIKATOR_ID;delmal-id; namn ;maltyp;malvarde;enhet;frekvens;gul_fran",
    ],
)
def test_headers_are_matched_in_any_spelling(tmp_path, header):
    indicators = header + "\n" + VALID["indikatorer.csv"].split("\n", 1)[1]
    result = check(tmp_path, {"indikatorer.csv": indicators})
    assert result.ok and result.problems == []
    assert list(result.dataset.indicators["malvarde"].fillna(0)) == [80.0, 30.0, 0.0]


@pytest.mark.parametrize(
    ("written", "code"),
    [("2025-T2", "2025-T2"), ("T2 2025", "2025-T2"), ("Tertial 2 2025", "2025-T2"),
     ("2025 T2", "2025-T2"), ("2025", "2025-T3"), ("2025-T3", "2025-T3")],
)  # fmt: skip
def test_periods_are_stored_as_canonical_codes(tmp_path, written, code):
    data = check(tmp_path, {"bedomningar.csv": with_period(written)}).dataset
    assert list(data.assessments["period"]) == [code, code]


def with_period(period: str) -> str:
    return f"delmal_id;period;status\nD1;{period};gul\nD2;{period};grön\n"


@pytest.mark.parametrize(
    ("word", "code"),
    [("Kommer att uppnås", "gron"), ("grön", "gron"), ("UPPNÅS", "gron"),
     ("Delvis kommer att uppnås", "gul"), ("kommer delvis att uppnås", "gul"),
     ("uppnås ej", "rod"), ("Uppnås inte", "rod"), ("röd", "rod"), ("rod", "rod")],
)  # fmt: skip
def test_status_words_become_status_codes(tmp_path, word, code):
    bedomningar = f"delmal_id;period;status\nD1;2025-T1;{word}\nD2;2025-T1;  {word}  \n"
    data = check(tmp_path, {"bedomningar.csv": bedomningar}).dataset
    assert list(data.assessments["status"]) == [code, code]


def test_a_numeric_id_from_excel_stays_text(tmp_path):
    changes = {
        "mal.csv": "mal_id;namn\n1;A\n2;B\n",
        "delmal.csv": "delmal_id;mal_id;namn\nD1;1;x\nD2;2;y\n",
    }
    data = check(tmp_path, changes).dataset
    assert list(data.goals["mal_id"]) == ["1", "2"]


# --- workbook = folder ----------------------------------------------------------------------


def write_workbook(path: Path) -> Path:
    """The valid dataset as Excel would store it: numbers, dates, booleans and percent cells."""
    book = openpyxl.Workbook()
    sheets = {
        "Inställningar": [["Namn", "År", "Gul från", "Exempeldata"],
                          ["Hälso- och sjukvårdsnämnden", 2025, 0.9, False]],
        "Mål": [["Mål ID", "Namn"], ["M1", "Trygga uppväxtvillkor"], ["M2", "God vård"]],
        "Delmål": [["Delmål ID", "Mål ID", "Namn"], ["D1", "M1", "Färre barn i fattigdom"],
                   ["D2", "M2", "Kortare väntan"]],
        "Indikatorer": [
            ["Indikator ID", "Delmål ID", "Namn", "Måltyp", "Målvärde", "Enhet", "Frekvens",
             "Gul från"],
            ["I1", "D1", "Andel vaccinerade", "minst", 0.8, "%", "tertial", None],
            ["I2", "D2", "Väntetid", "högst", 30, "dagar", "tertial", 85.0],
            ["I3", "D2", "Nöjdhet", "öka", None, None, "helår", None],
        ],
        "Utfall": [["Indikator ID", "Period", "Värde", "Målvärde", "Kommentar"],
                   ["I1", "2025-T1", 0.7, None, None], ["I2", "2025-T1", 25, None, None],
                   ["I1", "2025-T2", 0.855, None, "Bättre"], ["I2", "2025-T2", 31.0, None, None]],
        "Bedömningar": [
            ["Delmål ID", "Period", "Status", "Kommentar", "Författare", "Datum"],
            ["D1", "2025-T1", "delvis", "Text", "Anna", datetime(2025, 5, 10)],
            ["D2", "2025-T1", "uppnås", None, None, None],
            ["D1", "2025-T2", "kommer inte att uppnås", None, None, None],
            ["D2", "2025-T2", "gul", None, None, "2025-09-26 00:00:00"],
        ],
    }  # fmt: skip
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book["Inställningar"]["C2"].number_format = "0%"
    book["Indikatorer"]["E2"].number_format = "0 %"
    for cell in ("C2", "C4"):
        book["Utfall"][cell].number_format = "0,0 %"
    book.save(path)
    return path


def assert_same_dataset(actual: Dataset, expected: Dataset) -> None:
    assert actual.settings == expected.settings
    for frame in ("goals", "subgoals", "indicators", "outcomes", "assessments"):
        pd.testing.assert_frame_equal(getattr(actual, frame), getattr(expected, frame))


def test_a_workbook_gives_the_same_dataset_as_the_csv_folder(tmp_path):
    expected = check_in(tmp_path / "csv")
    result = check_dataset(write_workbook(tmp_path / "exempel.xlsx"), today=TODAY)
    assert result.problems == []
    assert_same_dataset(result.dataset, expected)
    assert [s.name for s in result.dataset.sources] == ["exempel.xlsx"]


def test_numeric_workbook_cells_read_as_ids_years_and_periods(tmp_path):
    path = write_workbook(tmp_path / "exempel.xlsx")
    book = openpyxl.load_workbook(path)
    book["Mål"]["A2"] = 1.0  # ids typed as numbers
    book["Delmål"]["B2"] = 1
    book["Inställningar"]["B2"] = 2025.0
    book["Utfall"].append(["I1", 2024.0, 50, None, None])
    book.save(path)
    data = check_dataset(path, today=TODAY).dataset
    assert data.goals["mal_id"].iloc[0] == "1" == data.subgoals["mal_id"].iloc[0]
    assert data.settings.year == 2025
    assert data.outcomes["period"].iloc[-1] == "2024-T3"


def test_workbook_problems_name_the_file_and_sheet(tmp_path):
    path = write_workbook(tmp_path / "exempel.xlsx")
    book = openpyxl.load_workbook(path)
    book["Indikatorer"]["D3"] = "störst"
    book.save(path)
    problem = only(check_dataset(path, today=TODAY))
    assert located(problem) == ("exempel.xlsx, blad Indikatorer", 3, "Måltyp", "störst")


# --- properties -----------------------------------------------------------------------------


CSV_CHARS = ";,\t\n\r\"' aåö0123456789.-%T\x00\u00a0"
CONTENT = st.one_of(
    st.binary(max_size=300),
    st.text(alphabet=CSV_CHARS, max_size=200).map(str.encode),
    st.text(alphabet=CSV_CHARS, max_size=200).map(lambda t: t.encode("cp1252", "replace")),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(sorted(VALID)), content=CONTENT)
def test_random_bytes_in_any_file_never_raise(tmp_path, name, content):
    folder = tmp_path / "random"
    folder.mkdir(exist_ok=True)
    result = check_dataset(write_dataset(folder, {name: content}), today=TODAY)
    assert isinstance(result, ValidationResult)
    assert (result.dataset is None) == (not result.ok)


ROWS = st.lists(
    st.tuples(
        st.sampled_from(["I1", "I2", "I3", "I9", ""]),
        st.sampled_from(["2025-T1", "2025-T2", "2024-T3", "2026-T1", "x"]),
        st.sampled_from(["1", "2,5", "12 st", ""]),
    ),
    max_size=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS, seed=st.integers(0, 10**6))
def test_row_order_changes_neither_the_problems_nor_the_frames(tmp_path, rows, seed):
    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)
    results = []
    for i, order in enumerate((rows, shuffled)):
        folder = tmp_path / f"order{i}"
        folder.mkdir(exist_ok=True)
        text = "indikator_id;period;varde\n" + "".join(f"{a};{b};{c}\n" for a, b, c in order)
        results.append(check_dataset(write_dataset(folder, {"utfall.csv": text}), today=TODAY))
    first, second = (
        {(p.severity, p.source, p.column, p.value) for p in r.problems} for r in results
    )
    assert first == second
    if results[0].dataset is not None:
        frames = [r.dataset.outcomes for r in results]
        keys = ["indikator_id", "period"]
        a, b = (f.sort_values(keys).reset_index(drop=True) for f in frames)
        pd.testing.assert_frame_equal(a, b)


@settings(max_examples=100, deadline=None)
@given(
    pairs=st.lists(st.tuples(st.integers(0, 30), st.booleans()), max_size=40),
    spread=st.sampled_from([1, 10**6]),  # 10**6: too many possible keys to count each
)
def test_repeated_keys_are_those_pandas_calls_duplicated(pairs, spread):
    keys = np.array([k for k, _ in pairs], dtype=np.int64) * spread
    valid = np.array([v for _, v in pairs], dtype=bool)
    unique_where_invalid = pd.Series(np.where(valid, keys, -1 - np.arange(len(keys))))
    later, first = _repeated(keys, valid)
    expected_later = unique_where_invalid.duplicated()
    expected_first = unique_where_invalid.duplicated(keep=False) & ~expected_later
    assert later.tolist() == expected_later.tolist()
    assert first.tolist() == expected_first.tolist()


def test_two_outcomes_are_found_among_more_ids_and_periods_than_rows(tmp_path):
    periods = ["2024-T1", "2024-T2", "2024-T3", "2025-T1", "2025-T2"]
    ids = [f"I{i}" for i in range(1, 1201)]
    indicators = "".join(f"{i};D1;Namn;ingen;;;tertial;\n" for i in ids)
    outcomes = "".join(f"{i};{periods[n % 5]};1;;\n" for n, i in enumerate(ids))
    changes = {
        "indikatorer.csv": "indikator_id;delmal_id;namn;maltyp;malvarde;enhet;frekvens;gul_fran\n"
        + indicators,
        "utfall.csv": "indikator_id;period;varde;malvarde;kommentar\n"
        + outcomes
        + "I8;2024-T3;2;;\n",
    }
    problem = only(check(tmp_path, changes))
    assert located(problem) == ("utfall.csv", 1202, "period", "2024-T3")
    assert "rad 9" in problem.message


# --- implausible values: warned, never blocking (issue 12) ---------------------------------


def value_warnings(result: ValidationResult) -> list[Problem]:
    return [p for p in result.problems if p.column == "varde"]


@pytest.mark.parametrize("value", ["1000000000000", "100,5", "-3"])
def test_a_percent_value_outside_0_to_100_is_a_warning_naming_the_row(tmp_path, value):
    result = check(tmp_path, with_row("utfall.csv", f"I1;2025-T3;{value};;"))
    assert result.ok
    (warning,) = value_warnings(result)
    assert warning.severity is Severity.WARNING
    assert located(warning) == ("utfall.csv", 6, "varde", value)
    assert "0–100" in warning.message
    assert warning in result.dataset.warnings


def test_a_value_orders_of_magnitude_from_its_history_is_a_warning(tmp_path):
    rows = "".join(f"I2;{year}-T{t};{20 + t};;\n" for year in (2023, 2024) for t in (1, 2, 3))
    result = check(tmp_path, {"utfall.csv": VALID["utfall.csv"] + rows + "I2;2025-T3;250000;;\n"})
    (warning,) = value_warnings(result)
    assert warning.severity is Severity.WARNING
    assert located(warning) == ("utfall.csv", 12, "varde", "250000")
    assert "1\u00a0000 gånger" in warning.message and "medianen är 23" in warning.message


def test_values_within_their_unit_and_history_pass_without_a_word(tmp_path):
    rows = "".join(f"I2;{year}-T{t};{20 * t};;\n" for year in (2023, 2024) for t in (1, 2, 3))
    result = check(tmp_path, {"utfall.csv": VALID["utfall.csv"] + rows + "I1;2025-T3;100;;\n"})
    assert value_warnings(result) == []


# --- the document's particulars (issue 15) --------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "when"),
    [
        ("dokumentdatum = 2025-09-22", date(2025, 9, 22)),  # a TOML date
        ('dokumentdatum = "2025-09-22"', date(2025, 9, 22)),  # the same as text
        ('dokumentdatum = "2025-09-22 00:00:00"', date(2025, 9, 22)),  # a workbook's date cell
        ("", None),
    ],
)
def test_the_document_date_is_a_toml_date_or_its_text(tmp_path, toml, when):
    settings_toml = VALID["installningar.toml"] + toml + "\n"
    data = check(tmp_path, {"installningar.toml": settings_toml}).dataset
    assert data.settings.document_date == when


def test_case_number_version_and_decision_body_are_kept_as_written(tmp_path):
    toml = 'diarienummer = " HSN  2025/0412 "\nversion = "1.1"\nbeslutsinstans = "Nämnden"\n'
    data = check(tmp_path, {"installningar.toml": VALID["installningar.toml"] + toml}).dataset
    assert data.settings.case_number == "HSN 2025/0412"
    assert data.settings.document_version == "1.1"
    assert data.settings.decided_by == "Nämnden"


def test_a_document_date_that_is_no_date_is_located(tmp_path):
    toml = VALID["installningar.toml"] + 'dokumentdatum = "22/9"\n'
    problem = only(check(tmp_path, {"installningar.toml": toml}))
    assert located(problem) == ("installningar.toml", 3, "dokumentdatum", "22/9")
    assert "2025-09-22" in problem.message


# --- the written analysis on bedomningar and the source on indikatorer (issue 15) -------------

ANALYSED = (
    "delmal_id;period;status;kommentar;forfattare;datum;analys;åtgärder;Prognos\n"
    "D1;2025-T1;delvis;Text;Anna;2025-05-10;Orsaken är <b>känd</b>.;- Rekrytera;Uppnås\n"
    "D2;2025-T1;uppnås;;;;;;\n"
)


def test_analysis_measures_and_forecast_are_read_with_the_forecast_as_a_status(tmp_path):
    data = check(tmp_path, {"bedomningar.csv": ANALYSED}).dataset
    first, second = data.assessments.to_dict("records")[:2]
    assert (first["analys"], first["atgarder"], first["prognos"]) == (
        "Orsaken är <b>känd</b>.",
        "- Rekrytera",
        "gron",
    )
    assert (second["analys"], second["atgarder"], second["prognos"]) == ("", "", "")


def test_an_unknown_forecast_word_is_located(tmp_path):
    text = ANALYSED.replace(";Uppnås\n", ";kanske\n")
    problem = only(check(tmp_path, {"bedomningar.csv": text}))
    assert located(problem) == ("bedomningar.csv", 2, "Prognos", "kanske")
    assert "helårsprognos" in problem.message


def test_without_the_new_columns_the_dataset_has_them_empty(tmp_path):
    data = check(tmp_path).dataset
    assert set(data.assessments["prognos"]) == {""} and set(data.indicators["kalla"]) == {""}


# --- the optional sheets: a comment per mål, the administration's summary (issue 15) ----------

GOAL_COMMENTS = (
    "mal_id;period;kommentar;forfattare;datum\n"
    "M1;2025-T1;Målet går enligt plan.;Hälso- och sjukvårdsdirektör;2025-05-20\n"
)
SUMMARY_TEXTS = "period;rubrik;text\n2025-T1;Läget;Två stycken.\n2025-T1;;Utan rubrik.\n"


def test_without_the_optional_sheets_they_are_empty_and_nothing_is_missed(tmp_path):
    result = check(tmp_path)
    assert result.problems == []
    assert result.dataset.goal_assessments.empty and result.dataset.analyses.empty


def test_goal_comments_and_summary_texts_are_read_when_given(tmp_path):
    changes = {"malbedomningar.csv": GOAL_COMMENTS, "analys.csv": SUMMARY_TEXTS}
    data = check_in(tmp_path / "d", changes)
    (comment,) = data.goal_assessments.to_dict("records")
    assert (comment["mal_id"], comment["period"], comment["forfattare"]) == (
        "M1",
        "2025-T1",
        "Hälso- och sjukvårdsdirektör",
    )
    assert comment["datum"] == pd.Timestamp("2025-05-20")
    assert list(data.analyses["rubrik"]) == ["Läget", ""]


@pytest.mark.parametrize(
    ("name", "row", "column", "value", "words"),
    [
        ("malbedomningar.csv", "M9;2025-T1;Text;;", "mal_id", "M9", "M1"),
        ("malbedomningar.csv", "M1;2025-T1;Igen;;", "period", "2025-T1", "rad 2"),
        ("malbedomningar.csv", "M2;2025-T1;Text;;20/5", "datum", "20/5", "ÅÅÅÅ-MM-DD"),
        ("malbedomningar.csv", "M2;2025-T1;;;", "kommentar", None, "kommentar"),
        ("analys.csv", "2025-T1;Läget;Igen.", "period", "2025-T1", "rad 2"),
        ("analys.csv", "T7 2025;Läget;Text.", "period", "T7 2025", "2025-T2"),
    ],
)
def test_problems_in_the_optional_sheets_are_located(tmp_path, name, row, column, value, words):
    base = {"malbedomningar.csv": GOAL_COMMENTS, "analys.csv": SUMMARY_TEXTS}
    changes = {**base, name: base[name] + row + "\n"}
    problem = only(check(tmp_path, changes))
    assert located(problem)[:3] == (name, base[name].count("\n") + 1, column)
    assert problem.value == value and words in problem.message
