"""The follow-up report in one namespace for the notebook: prepare, then one call per section.

    r = report.prepare("2025-T2")
    report.title_section(r); report.summary_section(r); report.goal_sections(r); …

Each section function returns a `Fragment` of finished, escaped HTML that Jupyter displays and
nbconvert copies into the report page.
"""

from hsn_analysis.report_appendix import (
    about_section,
    data_quality_section,
    deviation_section,
    full_year_section,
)
from hsn_analysis.report_context import Report, prepare, report_title
from hsn_analysis.report_goals import goal_sections
from hsn_analysis.report_summary import summary_section, title_section

__all__ = [
    "Report",
    "about_section",
    "data_quality_section",
    "deviation_section",
    "full_year_section",
    "goal_sections",
    "prepare",
    "report_title",
    "summary_section",
    "title_section",
]
