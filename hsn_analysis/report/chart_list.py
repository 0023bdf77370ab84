"""Every chart of the board's report, in the order the document shows them, with how to draw it.

The kernel draws its share of them before it lays out any section (`draw_ahead`), so that
the run's PDF thread, which needs every chart, can typeset while the kernel is still writing the
page's HTML. The order and the keys are the PDF projection's (`print_document.project`; a test
holds the two together), so the kernel, going forward, meets the thread, going back from the end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hsn_analysis.report import charts, spc_chart
from hsn_analysis.report.chart_images import (
    STATUS_CHART_KEY,
    benchmark_chart_key,
    indicator_chart_key,
)
from hsn_analysis.report.indicator_figure import indicator_figure
from hsn_analysis.rules.benchmark import Benchmark

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from hsn_analysis.report.context import Report

Drawing = tuple[str, Callable[[], "Figure"]]


def report_charts(report: Report) -> list[Drawing]:
    """(key, draw) of each chart: the status per mål, then per mål, delmål and indicator (in
    plan order) the indicator's chart and, when Kolada has it, its comparison with the regions."""
    found: list[Drawing] = [(STATUS_CHART_KEY, lambda: charts.status_per_goal(report.goals))]
    indicators = report.dataset.indicators
    for goal in report.goals.itertuples(index=False):
        subgoals = report.subgoals.loc[report.subgoals["mal_id"] == goal.mal_id]
        for subgoal in subgoals.itertuples(index=False):
            own = indicators.loc[indicators["delmal_id"] == subgoal.delmal_id]
            for indicator in own.itertuples(index=False):
                found.append(_indicator(report, indicator))
                benchmark = report.benchmarks.get(indicator.indikator_id)
                if benchmark is not None:
                    found.append(_benchmark(indicator.indikator_id, benchmark))
    return found


def _benchmark(indicator_id: str, benchmark: Benchmark) -> Drawing:
    return benchmark_chart_key(indicator_id), lambda: spc_chart.benchmark_chart(benchmark)


def _indicator(report: Report, indicator: object) -> Drawing:
    key = indicator_chart_key(indicator.indikator_id)  # type: ignore[attr-defined]
    return key, lambda: indicator_figure(report.result, indicator)


def draw_ahead(report: Report) -> None:
    """With a chart folder shared with the run's PDF thread, this process's share of the charts
    drawn now, and the thread's waited for: the PDF, which needs all of them, is then typeset
    while the sections are written. Without one, nothing (each section draws its own)."""
    if report.charts is None:
        return
    for key, draw in report_charts(report):
        report.charts.image(key, draw)
