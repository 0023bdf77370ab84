"""The texts of a basenhet's report, worded once for both of its forms: the page
(`unit_report`, HTML) and the typeset PDF (`print_unit`). Each function returns plain text;
the page escapes it, the PDF shows it as a string.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from hsn_analysis.report.unit_context import UnitReport
from hsn_analysis.report.units import with_unit
from hsn_analysis.rules.units import NOT_REPORTED
from hsn_analysis.version import __version__
from hsn_analysis.vocabulary import Aggregation
from hsn_analysis.words import labels, report_text
from hsn_analysis.words import unit_text as words


def heading(report: UnitReport) -> str:
    """`Uppföljning av nämndplanen 2025: Vårdcentralen Norr`."""
    return words.UNIT_HEADING.format(year=report.dataset.settings.year, unit=report.own.name)


def subheading(report: UnitReport) -> str:
    """`Primärvård · Tertial 2 2025`: the unit's område and the period."""
    return words.UNIT_SUBHEADING.format(area=report.own.area, period=report.period.label)


def responsible(report: UnitReport) -> str:
    """`Ansvarig: …`, or "" when the unit names no one."""
    who = report.own.responsible
    return words.UNIT_RESPONSIBLE.format(who=who) if who else ""


def created(report: UnitReport) -> str:
    """`Skapad 2025-09-26 kl. 06:00`: when the unit's run started."""
    return words.UNIT_CREATED.format(when=report_text.run_time_text(report.run_started))


def assessments_intro(report: UnitReport) -> str:
    """The sentence that opens the unit's assessments."""
    return words.UNIT_ASSESSMENTS_INTRO.format(period=report.period.label, area=report.own.area)


def board_status(row: Any) -> str:
    """`Nämndens bedömning: …` of one of the unit's delmål."""
    status = labels.SUBGOAL_STATUS_LABEL[row.namndens_status]
    return words.UNIT_BOARD_STATUS.format(status=status)


def comment_parts(text: str) -> list[str]:
    """A comment's paragraphs, one per line, as `markup.paragraphs` splits them."""
    parts = (part.strip() for part in text.replace("\r\n", "\n").split("\n"))
    return [part for part in parts if part]


def signature(row: Any) -> str:
    """`Bedömt av …, 2025-09-01`, or "" without an author and a date."""
    if not row.forfattare or pd.isna(row.datum):
        return ""
    return words.UNIT_SIGNATURE.format(author=row.forfattare, date=row.datum.strftime("%Y-%m-%d"))


def area_spread(report: UnitReport, row: Any) -> str:
    """How the units of the unit's område assessed the delmål of `row`."""
    area = report.own.area
    assert report.result.units is not None  # a unit's report has units
    counts = report.result.units.counts
    spread = counts.loc[(counts["omrade"] == area) & (counts["delmal_id"] == row.delmal_id)]
    found = spread.iloc[0]
    return words.UNIT_AREA_SPREAD.format(
        area=area,
        green=found["gron"],
        yellow=found["gul"],
        red=found["rod"],
        silent=found[NOT_REPORTED],
    )


def own_value(row: Any) -> str | None:
    """The unit's value of one indicator as text; None when it has not reported it (shown as
    its status, not as a value)."""
    if np.isnan(row.varde):
        return None
    if row.aggregering == Aggregation.SHARE_YES:
        return words.UNIT_ANSWER[float(row.varde)]
    return with_unit(row.varde, row.enhet)


def place(row: Any) -> str:
    """Where the unit stands within its område: its place, or how many answered as it did."""
    if np.isnan(row.varde):
        return "–"
    if row.aggregering == Aggregation.SHARE_YES:
        answer = words.UNIT_ANSWER[float(row.varde)].lower()
        return words.UNIT_SAME_ANSWER.format(
            same=int(row.lika), reported=row.rapporterat, answer=answer
        )
    if np.isnan(row.plats):
        return "–"
    return words.UNIT_PLACE.format(place=int(row.plats), reported=row.rapporterat)


def compared(row: Any) -> tuple[str, str, str]:
    """The target, the område's value and the region's of one indicator ("–" for none)."""
    unit = "%" if row.aggregering == Aggregation.SHARE_YES else row.enhet
    return (
        with_unit(row.malvarde, row.enhet) or "–",
        with_unit(row.omrade_varde, unit) or "–",
        with_unit(row.region_varde, unit) or "–",
    )


def indicator_headers(report: UnitReport) -> list[str]:
    """The headers of the unit's values, its område named."""
    return [h.format(area=report.own.area) for h in words.UNIT_INDICATOR_HEADERS]


def gap_items(report: UnitReport) -> list[str]:
    """`Indikator I1: …` for each thing the unit has not reported."""
    indicators = report.dataset.indicators.set_index("indikator_id")["namn"]
    subgoals = report.dataset.subgoals.set_index("delmal_id")["namn"]
    return [
        words.UNIT_GAP_INDICATOR.format(id=key, name=indicators[key])
        if kind == "indikator"
        else words.UNIT_GAP_SUBGOAL.format(id=key, name=subgoals[key])
        for kind, key in report.gaps
    ]


def about(report: UnitReport) -> str:
    """How the figures are made and the data (files and their SHA-256) they come from."""
    files = ", ".join(f"{s.name} {s.sha256[:12]}" for s in report.dataset.sources) or "–"
    return words.UNIT_ABOUT_TEXT.format(period=report.period.label, files=files)


def footer(report: UnitReport) -> str:
    """The board, the unit, the period and the program's version."""
    return words.UNIT_FOOTER.format(
        board=report.dataset.settings.board_name,
        unit=report.own.name,
        period=report.period.label,
        version=__version__,
    )
