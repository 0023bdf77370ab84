"""The report's sections in one namespace for the notebook: prepare, then one call per section.

    r = sections.prepare("2025-T2")
    sections.title_section(r); sections.summary_section(r); sections.goal_sections(r); …

Each section function returns a `Fragment` of finished, escaped HTML that Jupyter displays and
nbconvert copies into the report page.
"""

from hsn_analysis.report.appendix import (
    about_section,
    data_quality_section,
    deviation_section,
    full_year_section,
)
from hsn_analysis.report.context import Report, prepare
from hsn_analysis.report.goals import goal_sections
from hsn_analysis.report.overview import summary_section, title_section
from hsn_analysis.report.signals import overview_section
from hsn_analysis.report.units import units_section
from hsn_analysis.words.titles import report_title

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
