"""Year two in the board's PDF: an indicator that replaces another carries the page's note under
its table and in its chart's alt text, in the same words (the 2026-T1 result of
data/exempel-2026, where I1.1.3 replaces I1.1.1)."""

from __future__ import annotations

from datetime import datetime
from html import unescape

import pytest

from hsn_analysis.paths import PROJECT_ROOT
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.report import goals
from hsn_analysis.report.context import Report
from hsn_analysis.report.print_blocks import Document
from hsn_analysis.report.print_indicators import indicator_blocks
from hsn_analysis.rules.result import compute_result
from hsn_analysis.words import plan_text

EXAMPLE_2026 = PROJECT_ROOT / "data" / "exempel-2026"


@pytest.fixture(scope="module")
def report_2026_t1() -> Report:
    dataset = load_dataset(EXAMPLE_2026)
    result = compute_result(dataset, Period.parse("2026-T1"))
    started = datetime(2026, 5, 20, 8, 0).astimezone()
    return Report(result, EXAMPLE_2026, started, {"period": "2026-T1"})


def indicator(report: Report, indicator_id: str):
    rows = report.dataset.indicators
    return next(rows.loc[rows["indikator_id"] == indicator_id].itertuples(index=False))


def texts(value) -> list[str]:
    """Every string in a projected block, in order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for item in value.values() for t in texts(item)]
    if isinstance(value, list):
        return [t for item in value for t in texts(item)]
    return []


def figures(value) -> list[dict]:
    if isinstance(value, dict):
        own = [value] if value.get("k") == "fig" else []
        return own + [f for item in value.values() for f in figures(item)]
    if isinstance(value, list):
        return [f for item in value for f in figures(item)]
    return []


def test_the_replacing_indicator_carries_the_pages_note_in_the_pdf(report_2026_t1):
    replacing = indicator(report_2026_t1, "I1.1.3")
    note = plan_text.REPLACED_NOTE.format(old="I1.1.1", period="Tertial 1 2026")
    # The page's note, word for word, is the one the PDF prints.
    assert unescape(goals.replaced_note(replacing)) == f'<p class="meta">{note}</p>'
    blocks = indicator_blocks(report_2026_t1, replacing, Document())
    assert texts(blocks).count(note) == 1


def test_the_replacing_indicators_chart_says_the_break_as_the_pages_alt_text_does(report_2026_t1):
    replacing = indicator(report_2026_t1, "I1.1.3")
    note = goals.replaced_text(replacing)
    (chart,) = figures(indicator_blocks(report_2026_t1, replacing, Document()))
    assert chart["alt"].endswith(" " + note)
    page = goals.indicator_chart(
        report_2026_t1, replacing, report_2026_t1.history(replacing.indikator_id)
    )
    assert f'alt="{chart["alt"]}"' in unescape(page)


def test_an_indicator_that_replaces_none_has_no_such_note(report_2026_t1):
    plain = indicator(report_2026_t1, "I1.1.2")
    assert goals.replaced_text(plain) == ""
    blocks = indicator_blocks(report_2026_t1, plain, Document())
    assert not any("ersätter" in t for t in texts(blocks))
