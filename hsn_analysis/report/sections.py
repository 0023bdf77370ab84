"""The report's sections in one namespace for the notebook: prepare, then one call per section.

    r = sections.prepare("2025-T2")
    sections.title_section(r); sections.summary_section(r); sections.goal_sections(r); …

Each section function returns a `Fragment` of finished, escaped HTML that Jupyter displays and
nbconvert copies into the report page.
"""

import os

from hsn_analysis.report import context
from hsn_analysis.report.appendix import (
    about_section,
    data_quality_section,
    deviation_section,
    full_year_section,
)
from hsn_analysis.report.chart_list import draw_ahead
from hsn_analysis.report.context import Report
from hsn_analysis.report.goals import goal_sections
from hsn_analysis.report.overview import summary_section, title_section
from hsn_analysis.report.signals import overview_section
from hsn_analysis.report.units import units_section
from hsn_analysis.words.titles import report_title


def prepare(
    period: str,
    data: str | os.PathLike[str] | None = None,
    run_started: str | None = None,
    checked: str | os.PathLike[str] | None = None,
    charts: str | os.PathLike[str] | None = None,
) -> Report:
    """The report of `period` (`context.prepare`); with `charts`, the chart folder a run shares
    with its PDF, this kernel's share of the charts drawn before any section (`draw_ahead`)."""
    report = context.prepare(period, data, run_started, checked, charts)
    draw_ahead(report)
    return report


__all__ = [
    "Report",
    "about_section",
    "data_quality_section",
    "deviation_section",
    "full_year_section",
    "goal_sections",
    "overview_section",
    "prepare",
    "report_title",
    "summary_section",
    "title_section",
    "units_section",
]
