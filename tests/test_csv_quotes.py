"""A quote that swallows rows is an error naming the row where it opens; a comment written over
several lines, as Excel writes it, is still one value."""

from pathlib import Path

import pytest

from hsn_analysis.reading.csv_quotes import GluedRows, glued_rows
from hsn_analysis.reading.loading import read_dataset
from hsn_analysis.vocabulary import Severity

HEADER = "indikator_id;period;varde;malvarde;kommentar\n"


def read_utfall(folder: Path, body: str):
    (folder / "utfall.csv").write_text(HEADER + body, encoding="utf-8")
    raw = read_dataset(folder)
    return raw, [p for p in raw.problems if p.source == "utfall.csv"]


def test_a_quote_closed_only_in_a_later_row_is_an_error_at_the_row_where_it_opens(tmp_path):
    body = 'I1;2025-T1;1;;"Bra\nI2;2025-T1;2;;\nI3;2025-T1;3;;slut"\nI4;2025-T1;4;;\n'
    _, problems = read_utfall(tmp_path, body)
    (problem,) = problems
    assert (problem.severity, problem.row) == (Severity.ERROR, 2)
    assert "kolumn kommentar" in problem.message
    assert "stängs först på textrad 4" in problem.message
    assert "textrad 3–4" in problem.message
    assert "Ta bort citattecknet" in problem.message


def test_a_quote_never_closed_is_an_error_saying_so(tmp_path):
    _, problems = read_utfall(tmp_path, 'I1;2025-T1;1;;ok\nI2;2025-T1;2;;"Bra\nI3;2025-T1;3;;\n')
    (problem,) = problems
    assert problem.row == 3
    assert "stängs aldrig" in problem.message


def test_a_glued_quote_makes_the_dataset_invalid_instead_of_losing_rows(tmp_path):
    from test_validation import TODAY, VALID, write_dataset

    from hsn_analysis.reading.validation import check_dataset

    text = VALID["bedomningar.csv"].replace("D1;2025-T1;delvis;Text;", 'D1;2025-T1;delvis;"Text;')
    result = check_dataset(write_dataset(tmp_path, {"bedomningar.csv": text}), today=TODAY)
    assert not result.ok
    assert [(p.source, p.row) for p in result.problems if p.severity is Severity.ERROR] == [
        ("bedomningar.csv", 2)
    ]


@pytest.mark.parametrize(
    "comment",
    [
        '"Målvärdet höjt\nfrån 80 till 90 % från 2025"',
        '"Två rader;\r\nmed semikolon; i texten"',
        '"Citat ""så här""\n\noch en tom rad"',
    ],
)
def test_a_comment_over_several_lines_as_excel_writes_it_is_one_value(tmp_path, comment):
    raw, problems = read_utfall(tmp_path, f"I1;2025-T1;1;;{comment}\nI2;2025-T1;2;;\n")
    assert problems == []
    cells = raw.tables["utfall"].cells
    assert list(cells.index) == [2, 3]
    assert "\n" in cells.loc[2, 4]


def test_rows_after_a_multi_line_comment_keep_their_excel_numbers(tmp_path):
    raw, _ = read_utfall(tmp_path, 'I1;2025-T1;1;;"a\nb"\nI2;2025-T1;2;;"c"\nI3;2025-T1;3;;\n')
    assert list(raw.tables["utfall"].cells[0]) == ["I1", "I2", "I3"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a;b;c\n1;2;3\n", []),
        ('a;b;c\n1;2;"x\ny"\n', []),
        ('a;b;c\n1;2;"x\n3;4;5\n6;7;8"\n', [GluedRows(2, 2, 4, 2)]),
        ('a;b;c\n1;"x\n3;4;5\n', [GluedRows(2, 2, None, 1)]),
        ('a,b,c\n1,2,"x\n3,4,5"\n7,8,9\n', [GluedRows(2, 2, 3, 2)]),
    ],
)
def test_glued_rows_are_found_by_the_shape_of_the_lines_inside_a_value(text, expected):
    delimiter = "," if text.startswith("a,") else ";"
    assert glued_rows(text, delimiter, 3) == expected


@pytest.mark.parametrize(
    "body",
    [
        'I1;2025-T1;1;;ok\nI2;2025-T1;2;;"Bra',
        'I1;2025-T1;1;;ok\nI2;2025-T1;2;;"Bra\n',
        'I1;2025-T1;1;;ok\nI2;2025-T1;2;;"Bra ""citat"" och så',
    ],
)
def test_a_quote_left_open_in_the_last_row_is_an_error_not_dropped(tmp_path, body):
    _, problems = read_utfall(tmp_path, body)
    assert [(p.severity, p.row) for p in problems] == [(Severity.ERROR, 3)]
    assert "citattecken" in problems[0].message


def test_a_quote_inside_an_unquoted_value_of_the_last_row_is_no_error(tmp_path):
    _, problems = read_utfall(tmp_path, 'I1;2025-T1;1;;ok\nI2;2025-T1;2;;17" skärm\n')
    assert problems == []
