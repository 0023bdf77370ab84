"""Reading files into raw text tables: dialects, row numbers and unreadable files."""

import hashlib
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from hsn_analysis.reading import collector, csv_columns
from hsn_analysis.reading.csv_limits import MAX_VALUE_CHARS
from hsn_analysis.reading.loading import RawData, read_dataset
from hsn_analysis.vocabulary import Severity

UTFALL = "indikator_id;period;varde\nI1;2025-T1;12,5\nI2;2025-T1;7\n"


def read_csv(folder: Path, name: str, content: str | bytes) -> RawData:
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / name).write_bytes(data)
    return read_dataset(folder)


def rows_of(raw: RawData, table: str) -> dict[int, list[str]]:
    cells = raw.tables[table].cells
    return {int(row): list(values) for row, values in zip(cells.index, cells.values, strict=True)}


def problems_in(raw: RawData, source: str) -> list:
    return [p for p in raw.problems if p.source == source]


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_the_separator_is_detected_from_the_header_line(tmp_path, separator):
    raw = read_csv(tmp_path, "utfall.csv", UTFALL.replace(";", separator).replace("12,5", "12"))
    assert raw.tables["utfall"].headers == ("indikator_id", "period", "varde")
    assert rows_of(raw, "utfall") == {2: ["I1", "2025-T1", "12"], 3: ["I2", "2025-T1", "7"]}


def test_a_quoted_decimal_comma_survives_a_comma_separator(tmp_path):
    raw = read_csv(tmp_path, "utfall.csv", 'indikator_id,period,varde\nI1,2025-T1,"12,5"\n')
    assert rows_of(raw, "utfall") == {2: ["I1", "2025-T1", "12,5"]}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_text_in_utf8_with_or_without_bom_cp1252_and_utf16_reads_the_same(tmp_path, encoding):
    text = "Indikator ID;Period;Värde;Kommentar\nI1;2025-T1;5;Växjö – bättre\n"
    raw = read_csv(tmp_path, "utfall.csv", text.encode(encoding))
    assert raw.tables["utfall"].headers == ("Indikator ID", "Period", "Värde", "Kommentar")
    assert rows_of(raw, "utfall") == {2: ["I1", "2025-T1", "5", "Växjö – bättre"]}


def test_blank_lines_are_skipped_but_later_rows_keep_their_excel_numbers(tmp_path):
    text = "indikator_id;period;varde\n\nI1;2025-T1;1\n;;\n  ; ;\nI2;2025-T1;2\n"
    raw = read_csv(tmp_path, "utfall.csv", text)
    assert rows_of(raw, "utfall") == {3: ["I1", "2025-T1", "1"], 6: ["I2", "2025-T1", "2"]}


def test_a_quoted_field_with_a_newline_is_one_row(tmp_path):
    text = 'indikator_id;period;varde;kommentar\nI1;2025-T1;1;"två\r\nrader"\nI2;2025-T1;2;\n'
    raw = read_csv(tmp_path, "utfall.csv", text)
    assert sorted(rows_of(raw, "utfall")) == [2, 3]
    assert rows_of(raw, "utfall")[3][0] == "I2"


def test_cells_and_headers_are_stripped(tmp_path):
    raw = read_csv(tmp_path, "utfall.csv", " indikator_id ;period;varde\n I1 ;2025-T1\u00a0; 5\n")
    assert raw.tables["utfall"].headers[0] == "indikator_id"
    assert rows_of(raw, "utfall") == {2: ["I1", "2025-T1", "5"]}


def test_a_row_with_more_values_than_headers_is_an_error_naming_the_row(tmp_path):
    raw = read_csv(tmp_path, "utfall.csv", "indikator_id,period,varde\nI1,2025-T1,12,5\n")
    [problem] = problems_in(raw, "utfall.csv")
    assert (problem.severity, problem.row, problem.value) == (Severity.ERROR, 2, "5")
    assert "citattecken" in problem.message


def test_a_column_without_header_but_with_values_is_a_warning(tmp_path):
    raw = read_csv(tmp_path, "utfall.csv", "indikator_id;period;varde;\nI1;2025-T1;1;glömd\n")
    [problem] = problems_in(raw, "utfall.csv")
    assert (problem.severity, problem.row, problem.value) == (Severity.WARNING, 1, "glömd")
    assert raw.tables["utfall"].headers == ("indikator_id", "period", "varde")


def test_trailing_separators_without_values_are_ignored_silently(tmp_path):
    raw = read_csv(tmp_path, "utfall.csv", "indikator_id;period;varde;;\nI1;2025-T1;1;;\n")
    assert problems_in(raw, "utfall.csv") == []
    assert rows_of(raw, "utfall") == {2: ["I1", "2025-T1", "1"]}


def test_an_empty_file_is_an_error_naming_the_expected_headers(tmp_path):
    raw = read_csv(tmp_path, "utfall.csv", "\n\n")
    [problem] = problems_in(raw, "utfall.csv")
    assert "indikator_id, period, varde" in problem.message


def test_a_nul_byte_is_an_error_not_a_traceback(tmp_path):
    raw = read_csv(tmp_path, "utfall.csv", b"indikator_id;period;varde\nI1;2025\x00;1\n")
    [problem] = problems_in(raw, "utfall.csv")
    assert (problem.severity, problem.row) == (Severity.ERROR, 2)
    assert "utfall" not in raw.tables


def test_text_that_is_neither_utf8_nor_cp1252_is_an_error_naming_the_row(tmp_path):
    raw = read_csv(tmp_path, "utfall.csv", b"indikator_id;period;varde\n\nI1;\x81\xff;1\n")
    [problem] = problems_in(raw, "utfall.csv")
    assert problem.row == 3
    assert "UTF-8" in problem.message


def test_missing_files_are_named_with_the_folder(tmp_path):
    raw = read_dataset(tmp_path)
    sources = [p.source for p in raw.problems]
    assert sources == [
        "installningar.toml",
        "mal.csv",
        "delmal.csv",
        "indikatorer.csv",
        "utfall.csv",
        "bedomningar.csv",
    ]
    assert all(str(tmp_path) in p.message for p in raw.problems)


def test_file_names_match_after_normalisation(tmp_path):
    (tmp_path / "Mål.csv").write_text("Mål ID;Namn\nM1;Mål ett\n", encoding="utf-8")
    (tmp_path / "Bedömningar.CSV").write_text("delmal_id;period;status\n", encoding="utf-8")
    raw = read_dataset(tmp_path)
    assert raw.tables["mal"].source == "Mål.csv"
    assert raw.tables["bedomningar"].source == "Bedömningar.CSV"


def test_two_files_for_the_same_table_is_an_error(tmp_path):
    (tmp_path / "Mål.csv").write_text("mal_id;namn\n", encoding="utf-8")
    (tmp_path / "mal.csv").write_text("mal_id;namn\n", encoding="utf-8")
    raw = read_dataset(tmp_path)
    [problem] = problems_in(raw, "mal.csv")
    assert "Mål.csv, mal.csv" in problem.message


@pytest.mark.parametrize(("name", "word"), [("data.csv", "mapp"), ("gammal.xls", ".xlsx")])
def test_a_single_file_that_is_no_workbook_is_a_problem(tmp_path, name, word):
    (tmp_path / name).write_text("x", encoding="utf-8")
    [problem] = read_dataset(tmp_path / name).problems
    assert problem.source == name
    assert word in problem.message


def test_each_file_read_is_listed_with_the_sha256_of_its_bytes(tmp_path):
    raw = read_csv(tmp_path, "utfall.csv", UTFALL)
    [source] = raw.sources
    assert source.name == "utfall.csv"
    assert source.sha256 == hashlib.sha256(UTFALL.encode()).hexdigest()


def test_toml_values_become_text_with_their_line(tmp_path):
    toml = 'namn = "HSN"\n\nar = 2025\ngul_fran = 85.5\nexempeldata = true\n"Gul från" = 1\n'
    raw = read_csv(tmp_path, "installningar.toml", toml)
    entries = [(e.key, e.value, e.row) for e in raw.settings.entries]
    assert entries == [
        ("namn", "HSN", 1),
        ("ar", "2025", 3),
        ("gul_fran", "85.5", 4),
        ("exempeldata", "true", 5),
        ("Gul från", "1", 6),
    ]


def test_a_toml_syntax_error_names_the_file_and_line(tmp_path):
    raw = read_csv(tmp_path, "installningar.toml", 'namn = "HSN"\nar = 2025\ngul_fran = 85,5\n')
    [problem] = problems_in(raw, "installningar.toml")
    assert (problem.severity, problem.row) == (Severity.ERROR, 3)
    assert raw.settings is None


def test_settings_may_also_be_a_csv_file_with_one_row(tmp_path):
    raw = read_csv(tmp_path, "Inställningar.csv", "Namn;År;Gul från\nHSN;2025;85 %\n")
    entries = [(e.key, e.value, e.row) for e in raw.settings.entries]
    assert entries == [("Namn", "HSN", 2), ("År", "2025", 2), ("Gul från", "85 %", 2)]


# --- workbooks ------------------------------------------------------------------------------


def test_workbook_cells_are_read_as_the_text_the_user_sees(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bedömningar"
    sheet.append([None])  # the header may start further down; rows keep their numbers
    sheet.append(["delmal_id", "period", "varde", "andel", "datum", "klar", None, None])
    sheet.append([1, 2025.0, 12.5, 0.9, datetime(2025, 9, 26), True])
    sheet.append([None, None])
    sheet.append(["D2", "2025-T1", 1e-7, 0.075, date(2025, 1, 2), False])
    sheet["D3"].number_format = "0%"
    sheet["D5"].number_format = '0,0 "%"' + ";0,0 %"
    book.save(tmp_path / "exempel.xlsx")
    raw = read_dataset(tmp_path / "exempel.xlsx")
    table = raw.tables["bedomningar"]
    assert table.source == "exempel.xlsx, blad Bedömningar"
    assert table.header_row == 2
    assert table.headers == ("delmal_id", "period", "varde", "andel", "datum", "klar")
    assert rows_of(raw, "bedomningar") == {
        3: ["1", "2025", "12.5", "90 %", "2025-09-26", "SANT"],
        5: ["D2", "2025-T1", "0.0000001", "7.5 %", "2025-01-02", "FALSKT"],
    }


def test_a_value_right_of_the_last_header_in_a_sheet_is_a_warning(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "utfall"
    book.active.append(["indikator_id", "period", "varde"])
    book.active.append(["I1", "2025-T1", 1, None, "glömd"])
    book.save(tmp_path / "bok.xlsx")
    raw = read_dataset(tmp_path / "bok.xlsx")
    [problem] = problems_in(raw, "bok.xlsx, blad utfall")
    assert (problem.severity, problem.value) == (Severity.WARNING, "glömd")
    assert "nr 5" in problem.message


def test_a_missing_sheet_names_the_sheets_found(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Instruktioner"
    book.save(tmp_path / "bok.xlsx")
    problems = read_dataset(tmp_path / "bok.xlsx").problems
    assert len(problems) == 6
    assert all(p.source == "bok.xlsx" and "Instruktioner" in p.message for p in problems)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not a zip", b"mal_id;namn\nM1;x\n"])
def test_a_damaged_or_foreign_workbook_is_a_problem(tmp_path, content):
    (tmp_path / "bok.xlsx").write_bytes(content)
    [problem] = read_dataset(tmp_path / "bok.xlsx").problems
    assert (problem.severity, problem.source) == (Severity.ERROR, "bok.xlsx")
    assert ".xlsx" in problem.message


def test_a_settings_sheet_with_two_value_rows_is_an_error(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Inställningar"
    for row in (["namn", "ar"], ["HSN", 2025], ["Annan", 2024]):
        book.active.append(row)
    book.save(tmp_path / "bok.xlsx")
    raw = read_dataset(tmp_path / "bok.xlsx")
    [problem] = problems_in(raw, "bok.xlsx, blad Inställningar")
    assert problem.row == 3
    assert [(e.key, e.value, e.row) for e in raw.settings.entries] == [
        ("namn", "HSN", 2),
        ("ar", "2025", 2),
    ]


# --- large files: read a piece at a time ----------------------------------------------------


def test_rows_read_in_pieces_keep_their_excel_numbers_blanks_and_extra_values(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(collector, "_CHUNK_ROWS", 2)  # every boundary case in a few rows
    lines = ["indikator_id;period;varde", "I1;2025-T1;1", "", "I2;2025-T1", ";;", "I3;2025-T1;3"]
    lines += ['I4;2025-T1;4;"extra\r\nvärde"', "I5;2025-T1;5", ""]
    raw = read_csv(tmp_path, "utfall.csv", "\r\n".join(lines))
    assert rows_of(raw, "utfall") == {
        2: ["I1", "2025-T1", "1"],
        4: ["I2", "2025-T1", ""],
        6: ["I3", "2025-T1", "3"],
        7: ["I4", "2025-T1", "4"],
        8: ["I5", "2025-T1", "5"],
    }
    [problem] = problems_in(raw, "utfall.csv")
    assert (problem.severity, problem.row, problem.value) == (Severity.ERROR, 7, "extra\r\nvärde")


def test_a_csv_error_after_the_first_piece_names_its_row(tmp_path, monkeypatch):
    monkeypatch.setattr(collector, "_CHUNK_ROWS", 2)
    # a quote never closed runs to the end of the file: a value over the reader's limit
    tail = "x" * (MAX_VALUE_CHARS + 1)
    text = "indikator_id;period;varde\n" + "I1;2025-T1;1\n" * 4 + 'I2;2025-T1;"' + tail
    raw = read_csv(tmp_path, "utfall.csv", text)
    [problem] = problems_in(raw, "utfall.csv")
    assert (problem.severity, problem.row) == (Severity.ERROR, 6)
    assert "citattecken" in problem.message
    assert "utfall" not in raw.tables


def test_a_long_file_with_crlf_reads_like_a_short_one(tmp_path):
    body = [
        f"I{i % 97};{2020 + i % 6}-T{1 + i % 3}; {i % 1000},5 ;kommentar {i % 7}"
        for i in range(30_000)
    ]
    text = "indikator_id;period;varde;kommentar\r\n" + "\r\n".join(body) + "\r\n"
    raw = read_csv(tmp_path, "utfall.csv", text.encode("cp1252"))
    cells = raw.tables["utfall"].cells
    assert len(cells) == 30_000 and list(cells.index[[0, -1]]) == [2, 30_001]
    assert cells.values.tolist() == [[c.strip() for c in line.split(";")] for line in body]
    assert problems_in(raw, "utfall.csv") == []


def test_a_text_repeated_in_a_column_is_kept_once(tmp_path):
    raw = read_csv(
        tmp_path, "utfall.csv", "indikator_id;period;varde\nI1;2025-T1;1\n I1 ;2025-T1;1\n"
    )
    ids, periods = raw.tables["utfall"].cells[0], raw.tables["utfall"].cells[1]
    assert ids.tolist() == ["I1", "I1"]
    assert periods.iloc[0] is periods.iloc[1]


def test_a_column_that_seldom_repeats_is_still_stripped(tmp_path, monkeypatch):
    monkeypatch.setattr(collector, "_CHUNK_ROWS", 2)
    monkeypatch.setattr(csv_columns, "SHARE_DECIDED_ROWS", 2)
    text = "indikator_id;period;varde\n" + "".join(f" I{i} ;2025-T1; {i} \n" for i in range(7))
    raw = read_csv(tmp_path, "utfall.csv", text)
    assert rows_of(raw, "utfall")[8] == ["I6", "2025-T1", "6"]
