"""The report's stylesheet as a browser and WeasyPrint parse it: every block where it belongs."""

from __future__ import annotations

import tinycss2

from hsn_analysis.paths import TEMPLATES

STYLESHEET = TEMPLATES / "hsn_rapport" / "rapport.css"


def top_level_rules():
    css = STYLESHEET.read_text(encoding="utf-8")
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


def media_blocks():
    for rule in top_level_rules():
        if rule.type == "at-rule" and rule.lower_at_keyword == "media":
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            yield tinycss2.serialize(rule.prelude).strip(), inner


def test_no_media_block_sits_inside_another():
    # An unclosed `@media print {` once swallowed the rest of the file: the units' status
    # colours were print-only and the signals' print rules sat in a phone-width block.
    for prelude, inner in media_blocks():
        nested = [r for r in inner if r.type == "at-rule"]
        assert not nested, f"@media {prelude} holds @{nested[0].at_keyword}"


def test_the_units_status_colours_apply_on_screen_too():
    selectors = [
        tinycss2.serialize(rule.prelude).strip()
        for rule in top_level_rules()
        if rule.type == "qualified-rule"
    ]
    assert ".enhet-status.enhet-rod" in selectors


def test_the_phone_layout_is_for_screens_only_never_for_the_printed_a4_page():
    # A4 between its margins is narrower than 48rem: Chromium would print the phone's layout.
    widths = [prelude for prelude, _ in media_blocks() if "max-width" in prelude]
    assert widths
    assert all(prelude.startswith("screen and") for prelude in widths), widths
