"""A long comment in a CSV file is read whole; a value beyond the limit is said to be too long,
naming the file and the row, not taken for a broken quote."""

from __future__ import annotations

import csv

from test_validation import TODAY, VALID, write_dataset

from hsn_analysis.reading.csv_limits import MAX_VALUE_CHARS, long_values
from hsn_analysis.reading.validation import check_dataset
from hsn_analysis.vocabulary import Severity

ROW = "D1;2025-T1;delvis;Text;"


def with_comment(tmp_path, comment: str):
    quoted = '"' + comment.replace('"', '""') + '"'
    text = VALID["bedomningar.csv"].replace(ROW, f"D1;2025-T1;delvis;{quoted};")
    assert text != VALID["bedomningar.csv"]
    return check_dataset(write_dataset(tmp_path, {"bedomningar.csv": text}), today=TODAY)


def test_a_correctly_quoted_200_000_character_comment_is_read_whole(tmp_path):
    comment = ('Ett "citat"; semikolon och\nen radbrytning. ' * 5000)[:200_000]
    result = with_comment(tmp_path, comment)
    assert result.ok, [str(p) for p in result.problems]
    assessments = result.dataset.assessments
    assert comment in set(assessments["kommentar"])


def test_a_value_beyond_the_limit_is_too_long_naming_file_and_row(tmp_path):
    result = with_comment(tmp_path, "x" * (MAX_VALUE_CHARS + 1))
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    assert [(p.source, p.row) for p in errors] == [("bedomningar.csv", 2)]
    assert "längre än 4 000 000 tecken" in errors[0].message
    assert "aldrig avslutas" in errors[0].message  # the likely cause is still named


def test_the_limit_is_raised_only_while_reading():
    before = csv.field_size_limit()
    with long_values():
        assert csv.field_size_limit() == MAX_VALUE_CHARS
    assert csv.field_size_limit() == before
