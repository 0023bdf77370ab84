"""The report page, its run record and `summary --json` of one real run say the same figures."""

from __future__ import annotations

import io
import json
import math
from contextlib import redirect_stdout

import pytest
from agreement import (
    _value_agrees,
    check_agreement,
    html_figures,
    pdf_figures,
    pdf_text,
    record_figures,
    summary_figures,
)

from hsn_analysis.cli import EXIT_OK, main
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.rules.result import compute_result
from hsn_analysis.words import formatting
from hsn_analysis.words.summary import summary_json


@pytest.fixture(scope="module")
def outputs(example_report):
    """The three outputs of the shared 2025-T2 run, each read as a user gets it. The summary is
    what the command prints, run in this process (test_cli runs `summary --json` as a process
    of its own: the entry point's wiring is its subject, not this module's)."""
    html = example_report.html.read_text(encoding="utf-8")
    record = json.loads(example_report.record.read_text(encoding="utf-8"))
    printed = io.StringIO()
    with redirect_stdout(printed):
        code = main(["summary", "--period", "2025-T2", "--json", "--data", str(EXAMPLE_DATA)])
    assert code == EXIT_OK
    return html, record, json.loads(printed.getvalue())


@pytest.fixture(scope="module")
def printed_text(example_pdf_pages) -> str:
    """The PDF's text as a reader's program extracts it (extracted once per test run)."""
    return pdf_text(example_pdf_pages)


def test_the_page_the_record_and_the_summary_agree(outputs):
    html, record, summary = outputs
    assert check_agreement(html, record, summary) == []


def test_the_pdfs_text_agrees_with_the_page_the_record_and_the_summary(outputs, printed_text):
    html, record, summary = outputs
    assert check_agreement(html, record, summary, printed_text) == []


def test_the_check_reads_every_figure_from_the_pdfs_own_text(outputs, printed_text):
    html, _record, summary = outputs
    printed = pdf_figures(printed_text)
    assert printed.sentence == html_figures(html).sentence
    assert sum(printed.counts.values()) == 13 and len(printed.counts) == 4
    current = {r["indikator_id"] for r in summary["indikatorer"] if r["period"] == "2025-T2"}
    assert set(printed.indicators) == current
    assert any(f.value_text and "\u00a0" not in f.value_text for f in printed.indicators.values())


def test_a_pdf_whose_status_or_value_differs_is_caught(outputs, printed_text):
    html, record, summary = outputs
    text = printed_text
    caption = "Utfall för I2.1.2\n"
    at = text.index(caption)
    row = text.index("\nT2 2025 ", at)
    line_end = text.index("\n", row + 1)
    changed = text[: row + 1] + "T2 2025 ■ Nås inte 1\u00a0169 1\u00a0200 102,74" + text[line_end:]
    found = check_agreement(html, record, summary, changed)
    assert any("I2.1.2: statusen skiljer" in line for line in found)
    assert any("I2.1.2: utfallet" in line for line in found)


def test_the_check_reads_every_figure_from_the_page_itself(outputs):
    html, record, summary = outputs
    page = html_figures(html)
    assert page.sentence.startswith("Av nämndens 13 delmål")
    assert sum(page.counts.values()) == 13 and len(page.counts) == 4
    current = [r for r in summary["indikatorer"] if r["period"] == "2025-T2"]
    assert set(page.indicators) == {r["indikator_id"] for r in current}
    assert any(f.fulfilment_text and "," in f.fulfilment_text for f in page.indicators.values())
    assert set(record_figures(record).indicators) == set(summary_figures(summary).indicators)


def test_a_summary_that_rounds_differently_is_caught(outputs, monkeypatch):
    html, record, _printed = outputs
    result = compute_result(load_dataset(EXAMPLE_DATA), record_period(record))
    assert check_agreement(html, record, summary_json(result)) == []  # as printed, unpatched

    def truncating(value, decimals=2):  # rounds toward zero: 101,71 becomes 101,7
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        return formatting.format_number(math.trunc(float(value) * 10) / 10, decimals)

    monkeypatch.setattr("hsn_analysis.words.summary.format_number", truncating)
    found = check_agreement(html, record, summary_json(result))
    assert found
    assert all("måluppfyllelsen skiljer" in line for line in found)


def test_a_record_whose_count_differs_is_caught(outputs):
    html, record, summary = outputs
    changed = {**record, "delmal": {**record["delmal"], "uppnas": record["delmal"]["uppnas"] + 1}}
    found = check_agreement(html, changed, summary)
    assert any("antal delmål med status gron" in line for line in found)


@pytest.mark.parametrize(
    ("text", "number", "agrees"),
    [
        ("23,13", 23.125, True),
        ("23,12", 23.125, True),  # half a unit either way: the fulfilment text catches this
        ("23,1", 23.125, True),
        ("23,1", 23.16, False),
        ("1 234,5", 1234.5, True),
        ("35", 35.0, True),
        (None, None, True),
        ("12", None, False),
        (None, 12.0, False),
    ],
)
def test_a_written_value_agrees_with_its_number_to_the_decimals_shown(text, number, agrees):
    assert _value_agrees(text, number) is agrees


def record_period(record):
    from hsn_analysis.periods import Period

    return Period.parse(record["period"])
