"""The overview of all indicators early in the report: status, måluppfyllelse, change since the
same period last year, the Making Data Count icons and the rank among the regions."""

from __future__ import annotations

import math

from hsn_analysis.report.benchmarks import overview_rank, signal_cells
from hsn_analysis.report.context import Report
from hsn_analysis.report.goals import indicator_status_badge
from hsn_analysis.report.markup import Fragment, esc, scroll_region, table
from hsn_analysis.vocabulary import IndicatorStatus
from hsn_analysis.words import signals_text as text
from hsn_analysis.words.formatting import format_number


def change_since_last_year(report: Report, indicator_id: str) -> float | None:
    """This period's value minus the same period's last year (None when either is missing)."""
    history = report.history(indicator_id)
    if history.empty:
        return None
    by_period = dict(zip(history["period"], history["varde"], strict=True))
    now = by_period.get(report.period.code)
    before = by_period.get(report.period.same_period_last_year.code)
    if now is None or before is None or math.isnan(now) or math.isnan(before):
        return None
    return float(now) - float(before)


def _signed(value: float | None) -> str:
    if value is None:
        return "–"
    number = format_number(value)
    return number if number.startswith("-") or number == "0" else f"+{number}"


def overview_rows(report: Report) -> list[list[str]]:
    """One row of finished HTML cells per indicator of the report period, in plan order."""
    rows = []
    for row in report.current_indicators.itertuples(index=False):
        variation, assurance = signal_cells(report.signals.get(row.indikator_id))
        found = report.benchmarks.get(row.indikator_id)
        rank = overview_rank(found)
        due = row.status != IndicatorStatus.NOT_DUE
        rows.append(
            [
                f'{esc(row.namn)} <span class="meta">({esc(row.indikator_id)})</span>',
                indicator_status_badge(row.status, row.maltyp, short=True),
                esc(format_number(row.uppfyllelse)) or "–",
                esc(_signed(change_since_last_year(report, row.indikator_id)) if due else "–"),
                variation,
                assurance,
                rank,
            ]
        )
    return rows


def overview_section(report: Report) -> Fragment:
    """Översikt över indikatorerna: one static table, icons with words (never colour alone)."""
    previous = report.period.same_period_last_year.short_label
    headers = [h.format(previous=previous) for h in text.OVERVIEW_HEADERS]
    intro = text.OVERVIEW_INTRO.format(period=report.period.label)
    body = table(headers, overview_rows(report), numeric=[2, 3], css_class="oversikt")
    return Fragment(
        f'<section class="oversikt" id="oversikt"><h2>{esc(text.OVERVIEW_HEADING)}</h2>'
        # On a phone the table scrolls sideways in this region, which the keyboard can reach.
        f"<p>{esc(intro)}</p>{scroll_region(body, text.OVERVIEW_HEADING)}"
        f'<p class="meta">{esc(text.OVERVIEW_RANK_NOTE)}</p></section>'
    )
