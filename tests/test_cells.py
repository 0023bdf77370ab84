"""Cell parsers: every spelling of numbers, words, dates, years and booleans users write."""

from datetime import datetime

import pandas as pd
import pytest

from hsn_analysis.reading.cells import (
    FREQUENCY_WORDS,
    STATUS_WORDS,
    TARGET_TYPE_WORDS,
    fold,
    map_words,
    normalise_name,
    parse_bool,
    parse_date_column,
    parse_number,
    parse_number_column,
    parse_period_column,
    parse_year,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12.0),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("1\u202f234,5", 1234.5),
        ("12 345 678", 12345678.0),
        ("90 %", 90.0),
        ("90%", 90.0),
        ("\u22125", -5.0),
        ("-0,5", -0.5),
        (",5", 0.5),
        ("1,23E+05", 123000.0),
    ],
)
def test_numbers_are_read_in_every_swedish_excel_spelling(text, expected):
    assert parse_number(text) == expected
    assert parse_number_column(pd.Series([text], dtype="str")).iloc[0] == expected


@pytest.mark.parametrize(
    "text", ["12 st", "ca 5", "12 34", "1.234,5", "nan", "inf", "-", "%", "1_000", "1e400"]
)
def test_texts_that_are_not_numbers_give_nan(text):
    assert parse_number(text) is None
    assert pd.isna(parse_number_column(pd.Series([text], dtype="str")).iloc[0])


def test_an_empty_cell_is_nan_in_a_number_column():
    assert pd.isna(parse_number_column(pd.Series([""], dtype="str")).iloc[0])


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Målvärde", "malvarde"),
        (" MALVARDE ", "malvarde"),
        ("Indikator ID", "indikator_id"),
        ("Indikator-ID", "indikator_id"),
        ("Gul från", "gul_fran"),
        ("\ufeffBedömningar", "bedomningar"),
        ("Författare", "forfattare"),
    ],
)
def test_names_are_normalised_for_case_accents_spaces_and_hyphens(header, name):
    assert normalise_name(header) == name


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("uppnås", "gron"),
        ("Kommer att uppnås", "gron"),
        ("GRÖN", "gron"),
        ("gron", "gron"),
        ("delvis", "gul"),
        ("kommer  delvis att uppnås", "gul"),
        ("Delvis kommer att uppnås", "gul"),
        ("gul", "gul"),
        ("uppnås ej", "rod"),
        ("Uppnås inte", "rod"),
        ("kommer inte att uppnås", "rod"),
        ("Röd", "rod"),
        ("rod", "rod"),
    ],
)
def test_status_words_are_accepted_in_any_case_and_spacing(word, code):
    assert map_words(pd.Series([word], dtype="str"), STATUS_WORDS).iloc[0] == code


@pytest.mark.parametrize(
    ("word", "code"),
    [("MINST", "minst"), ("Högst", "högst"), ("hogst", "högst"), ("oka", "öka"), ("Öka", "öka")],
)
def test_target_types_are_returned_as_canonical_values(word, code):
    assert map_words(pd.Series([word], dtype="str"), TARGET_TYPE_WORDS).iloc[0] == code


def test_frequency_helar_without_ring_is_helar_with_ring():
    assert map_words(pd.Series(["Helar"], dtype="str"), FREQUENCY_WORDS).iloc[0] == "helår"


def test_unknown_words_and_empty_cells_give_nan():
    codes = map_words(pd.Series(["störst", ""], dtype="str"), TARGET_TYPE_WORDS)
    assert codes.isna().all()


@pytest.mark.parametrize(
    ("text", "code"),
    [("2025-T2", "2025-T2"), ("T2 2025", "2025-T2"), ("Tertial 2 2025", "2025-T2"),
     ("2025 T2", "2025-T2"), ("2025", "2025-T3"), ("2025.0", "2025-T3")],
)  # fmt: skip
def test_periods_become_canonical_codes(text, code):
    codes, errors = parse_period_column(pd.Series([text], dtype="str"))
    assert codes.iloc[0] == code
    assert errors == {}


def test_an_unreadable_period_gets_a_swedish_hint():
    _, errors = parse_period_column(pd.Series(["våren 2025"], dtype="str"))
    assert "2025-T2" in errors["våren 2025"]


def test_a_year_out_of_range_keeps_its_reason_and_the_hint():
    _, errors = parse_period_column(pd.Series(["1800"], dtype="str"))
    assert "1800" in errors["1800"] and "2025-T2" in errors["1800"]


def test_dates_are_read_as_iso_text_with_or_without_a_time():
    dates = parse_date_column(pd.Series(["2025-09-26", "2025-09-26 00:00:00", "", "26/9"]))
    assert list(dates[:2]) == [datetime(2025, 9, 26)] * 2
    assert dates[2:].isna().all()


@pytest.mark.parametrize(("text", "year"), [("2025", 2025), ("2025.0", 2025), ("20 25", None)])
def test_years_accept_a_numeric_cell(text, year):
    assert parse_year(text) == year


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("SANT", True), ("Ja", True), ("1", True), ("false", False),
     ("falskt", False), ("nej", False), ("0", False), ("kanske", None)],
)  # fmt: skip
def test_booleans_accept_swedish_and_english_words(text, value):
    assert parse_bool(text) is value


def test_fold_removes_accents_and_extra_spaces():
    assert fold("  Kommer   DELVIS att Uppnås ") == "kommer delvis att uppnas"


def test_a_number_column_with_repeated_texts_keeps_its_index_and_every_value():
    texts = ["12,5", "", "1 234", "12,5", "12 st", "", "90 %", "1 234", "två\nrader"]
    index = pd.RangeIndex(5, 5 + len(texts))
    values = parse_number_column(pd.Series(texts, index=index, dtype=object))
    assert values.dtype == "float64" and values.index.equals(index)
    expected = [12.5, None, 1234.0, 12.5, None, None, 90.0, 1234.0, None]
    assert [None if pd.isna(v) else v for v in values] == expected


def test_a_number_column_of_empty_cells_is_all_nan():
    values = parse_number_column(pd.Series(["", ""], dtype="str"))
    assert values.dtype == "float64" and values.isna().all()
