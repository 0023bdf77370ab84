"""A basenhet's report as data for the typeset PDF: the same sections, words and figures as its
page (`unit_report`), from the same texts (`unit_texts`), in the blocks the board's PDF is made
of (`print_blocks`), for the one template (`typst/rapport.typ`).

The page has no charts, so neither has the PDF.
"""

from __future__ import annotations

from typing import Any

from hsn_analysis.report import unit_texts as texts
from hsn_analysis.report.palette import MUTED, STATUS_SWATCH
from hsn_analysis.report.print_blocks import Block, Span, bullets, heading, para, span, table
from hsn_analysis.report.print_document import page_meta
from hsn_analysis.report.unit_context import UnitReport
from hsn_analysis.rules.units import NOT_REPORTED
from hsn_analysis.words import unit_text as words
from hsn_analysis.words.titles import unit_report_title


def unit_badge(status: str) -> Span:
    """A unit's status as symbol and word on its colour, as `units.unit_mark` draws it."""
    return [f"s:{status}", f"{words.UNIT_SYMBOL[status]} {words.UNIT_STATUS_LABEL[status]}"]


def meta(report: UnitReport) -> dict[str, Any]:
    """Title page and running header: the unit's title block as its page has it."""
    settings = report.dataset.settings
    shared = page_meta(settings)
    # Not reported: quiet text on the palette's lightest grey, as the page's open circle.
    swatch = {**shared["swatch"], NOT_REPORTED: [STATUS_SWATCH["ingen"].fill, MUTED]}
    who = texts.responsible(report)
    return {
        **shared,
        "title": unit_report_title(report.period, report.own.name),
        "heading": texts.heading(report),
        "period": texts.subheading(report),
        "lines": [who] if who else [],
        "created": texts.created(report),
        "particulars": [],
        "head_right": words.UNIT_RUNNING_HEAD.format(
            unit=report.own.name, period=report.period.label
        ),
        "swatch": swatch,
    }


def _assessment(report: UnitReport, row: Any) -> list[Block]:
    """One delmål, as `unit_report.assessments_section` shows it."""
    line = [unit_badge(row.status), span(f"  {texts.board_status(row)}", "m")]
    blocks: list[Block] = [heading(row.namn, 2), {"k": "p", "s": line, "c": "lead"}]
    if row.status != NOT_REPORTED:
        comment = [para(part) for part in texts.comment_parts(row.kommentar)]
        blocks += comment or [para(words.UNIT_NO_COMMENT, "inga")]
        if signature := texts.signature(row):
            blocks.append(para(signature, "signatur"))
    blocks.append(para(texts.area_spread(report, row), "meta"))
    return blocks


def assessments(report: UnitReport) -> list[Block]:
    """Enhetens bedömning av delmålen."""
    blocks = [para(texts.assessments_intro(report))]
    for row in report.assessments.itertuples(index=False):
        blocks += _assessment(report, row)
    return blocks


def indicators(report: UnitReport) -> list[Block]:
    """Enhetens värden: the unit's values beside the target, its område and the region."""
    period, area = report.period.label, report.own.area
    if report.standing.empty:
        return [para(words.UNIT_NO_INDICATORS.format(period=period), "inga")]
    rows = []
    for row in report.standing.itertuples(index=False):
        own = texts.own_value(row)
        rows.append(
            [
                [span(row.namn), span(f" ({row.indikator_id})", "m")],
                [unit_badge(NOT_REPORTED) if own is None else span(own)],
                *([span(text)] for text in texts.compared(row)),
                [span(texts.place(row))],
            ]
        )
    return [
        # The sentence stays with the table it introduces.
        para(words.UNIT_INDICATORS_INTRO.format(period=period, area=area), "lead"),
        table(
            texts.indicator_headers(report),
            rows,
            numeric=(2, 3, 4),
            widths=["2.4fr", "1.1fr", "0.9fr", "0.9fr", "0.9fr", "1.2fr"],
        ),
    ]


def gaps(report: UnitReport) -> list[Block]:
    """Ej rapporterat: what the unit has not reported this period."""
    period = report.period.label
    if not report.gaps:
        return [para(words.OWN_GAPS_NONE.format(period=period), "inga")]
    return [
        para(words.OWN_GAPS_INTRO.format(period=period)),
        bullets([span(item)] for item in texts.gap_items(report)),
    ]


def about(report: UnitReport) -> list[Block]:
    """Om rapporten, and the page's footer line."""
    return [para(texts.about(report)), para(texts.footer(report), "meta")]


def project_unit(report: UnitReport) -> dict[str, Any]:
    """The unit's whole report as the template's data (it has no charts)."""
    sections = [
        {"h": words.UNIT_ASSESSMENTS, "b": assessments(report)},
        {"h": words.UNIT_INDICATORS, "b": indicators(report)},
        {"h": words.OWN_GAPS, "b": gaps(report)},
        {"h": words.UNIT_ABOUT, "b": about(report)},
    ]
    return {"meta": meta(report), "sections": sections}


__all__ = ["meta", "project_unit", "unit_badge"]
