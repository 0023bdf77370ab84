"""For the analyst, in Datakvalitet: the control charts whose latest point belongs to a special
cause, with the period where that change began as a suggested `spc_fran`. Nothing restarts
the limits by itself (MDC: don't redraw the chart every time a rule fires)."""

from __future__ import annotations

from dataclasses import dataclass

from hsn_analysis.periods import Period
from hsn_analysis.report.context import Report
from hsn_analysis.report.markup import esc, scroll_region, table
from hsn_analysis.rules.spc import MIN_POINTS
from hsn_analysis.words import signals_text as text


@dataclass(frozen=True)
class Restart:
    """One chart whose latest point belongs to a special cause, worded for both the page and
    the PDF: the indicator, the rule that fired, the suggested start and its points."""

    name: str
    indicator_id: str
    rule: str
    start: str
    points: str


def restarts(report: Report) -> list[Restart]:
    """The charts with a suggested `spc_fran`, in the signals' order."""
    found = []
    indicators = report.dataset.indicators
    names = dict(zip(indicators["indikator_id"], indicators["namn"], strict=True))
    for indicator_id, signal in report.signals.items():
        result = signal.result
        if result is None or result.suggested_start is None:
            continue
        rule = result.points["regel"].iloc[-1]
        start = result.suggested_start
        since = int((result.points["period"] >= start).sum())
        found.append(
            Restart(
                names.get(indicator_id, ""),
                indicator_id,
                text.RULE_LABELS.get(str(rule), ""),
                f"{start} ({Period.parse(start).short_label})",
                text.RESTART_POINTS.format(points=since, needed=MIN_POINTS),
            )
        )
    return found


def restart_suggestions(report: Report) -> str:
    """A heading, a short explanation and one row per indicator with a suggested start; ""
    when no chart has one."""
    rows = [
        [
            f'{esc(r.name)} <span class="meta">({esc(r.indicator_id)})</span>',
            esc(r.rule),
            esc(r.start),
            esc(r.points),
        ]
        for r in restarts(report)
    ]
    if not rows:
        return ""
    # On a phone the table scrolls sideways in a region the keyboard can reach.
    body = table(text.RESTART_HEADERS, rows, css_class="omstart")
    heading = f"<h3>{esc(text.RESTART_HEADING)}</h3><p>{esc(text.RESTART_INTRO)}</p>"
    return heading + scroll_region(body, text.RESTART_HEADING)
