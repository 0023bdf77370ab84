"""The one title of a tertial's report and of a unit's report, wherever it is shown (the page,
the PDF, the run record, the index, the mail, the summary command and the analyst's tables)."""

from __future__ import annotations

from hsn_analysis.dataset import Settings
from hsn_analysis.periods import Period
from hsn_analysis.words import report_text, unit_text

__all__ = ["report_title", "unit_report_title"]


def report_title(settings: Settings, period: Period) -> str:
    """`Region Exempel HSN – uppföljning av nämndplan 2025, Tertial 2 2025`."""
    return report_text.TITLE.format(
        board=settings.board_name, year=settings.year, period=period.label
    )


def unit_report_title(period: Period, unit_name: str) -> str:
    """`Uppföljning Tertial 2 2025 – Vårdcentralen Norr` (the board is in the heading)."""
    return unit_text.UNIT_TITLE.format(period=period.label, unit=unit_name)
