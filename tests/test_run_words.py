"""What `hsn-report run` says about itself: its help names both files it makes, and its log
writes the PDF's time with a decimal comma."""

from __future__ import annotations

import re

import pytest

from hsn_analysis.cli.main import build_parser
from hsn_analysis.words.publishing import pdf_done_line


def test_the_help_says_run_makes_the_html_and_the_pdf_a():
    help_text = re.sub(r"\s+", " ", build_parser().format_help())
    assert "run skapa rapporten för en period (HTML och PDF/A)" in help_text


@pytest.mark.parametrize(
    ("seconds", "line"),
    [
        (2.554, "PDF/A klar: satt på 2,55 s"),
        (0.3, "PDF/A klar: satt på 0,3 s"),
        (12.0, "PDF/A klar: satt på 12 s"),
    ],
)
def test_the_pdf_line_writes_seconds_as_swedish_text_does(seconds, line):
    assert pdf_done_line(seconds) == line
