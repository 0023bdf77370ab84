"""Accessibility as a test: axe-core in Debian's chromium on what users open — the report, the
index of reports and the mail body — with the WCAG 2.1 AA and 2.2 AA rules; no violation passes.

Public bodies' documents must meet WCAG 2.1 AA (lag 2018:1937); 2.2 AA is checked as well.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from mailserver import make_report as make_published_report
from mailserver import write_config

from hsn_analysis.mail.config import load_mail_config
from hsn_analysis.mail.message import build_message
from hsn_analysis.runs.layout import INDEX_NAME
from hsn_analysis.runs.published import published_report

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def violations(page) -> list[str]:
    """Each violation as `rule: how many elements (first element)`, for a readable failure."""
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    )
    return [
        f"{v['id']} ({v['impact']}): {len(v['nodes'])} st, t.ex. {v['nodes'][0]['target']}"
        for v in results.response["violations"]
    ]


@pytest.fixture
def page(browser):
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_the_report_has_no_wcag_aa_violation(report_page):
    assert violations(report_page(1280, 900)) == []


def test_the_report_on_a_phone_has_no_wcag_aa_violation(report_page):
    assert violations(report_page(390, 844)) == []


def test_the_index_has_no_wcag_aa_violation(page, example_report):
    index = example_report.html.parent.parent / INDEX_NAME
    page.goto(index.as_uri(), wait_until="load")
    assert violations(page) == []


def test_the_mail_body_of_the_example_report_has_no_wcag_aa_violation(
    page, example_report, tmp_path
):
    config = load_mail_config(write_config(tmp_path, 25), {})
    report = published_report(example_report.html.parent.parent, example_report.period)
    body = build_message(config, report).get_body(("html",)).get_content()
    page.set_content(body, wait_until="load")
    assert violations(page) == []


def test_the_check_finds_a_violation_when_there_is_one(page, tmp_path):
    """The control: an image without alt text and a page without language do not pass."""
    page.set_content('<html><body><img src="data:image/png;base64,iVBORw0KGgo="></body></html>')
    found = " ".join(violations(page))
    assert "image-alt" in found and "html-has-lang" in found


def test_the_mail_body_of_a_made_up_report_has_no_wcag_aa_violation(page, tmp_path):
    config = load_mail_config(write_config(tmp_path, 25), {})
    body = build_message(config, make_published_report(tmp_path)).get_body(("html",))
    page.set_content(body.get_content(), wait_until="load")
    assert violations(page) == []
