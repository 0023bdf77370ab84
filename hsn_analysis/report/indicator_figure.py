"""The one chart the report draws for an indicator, for the report and for the analyst alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from hsn_analysis.periods import Period
from hsn_analysis.report import charts, spc_chart
from hsn_analysis.rules.result import TertialResult
from hsn_analysis.rules.signals import Basis, Signal, report_target
from hsn_analysis.words import plan_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["chart_target", "indicator_figure", "signal_target"]


def signal_target(result: TertialResult, indicator: object) -> float | None:
    """The target the SPC chart draws and the assurance is judged against."""
    outcomes = result.dataset.outcomes
    rows = outcomes[outcomes["indikator_id"] == indicator.indikator_id]  # type: ignore[attr-defined]
    return report_target(indicator, rows, result.period)


def chart_target(result: TertialResult, indicator: object, signal: Signal) -> float | None:
    """The target drawn on the SPC chart: none on a chart of a year-to-date count's tertial
    amounts (the target is the year's, on another scale)."""
    if signal.basis is Basis.TERTIAL_AMOUNT:
        return None
    return signal_target(result, indicator)


def indicator_figure(result: TertialResult, indicator: object) -> Figure:
    """The indicator's one chart: its SPC chart when the series is long enough for signals
    (the values, the target, the centre line, the limits and the special causes, as Making
    Data Count draws them), else the trend chart with each period's status. `indicator` is
    its row of `dataset.indicators` (an itertuples row). An indicator that replaces another
    (`ersatter`) shows the break: the line broken before its first own period (`spc_fran`, where
    the SPC limits start anew) and a line marking it."""
    indicator_id: str = indicator.indikator_id  # type: ignore[attr-defined]
    history = result.history(indicator_id)
    signal = result.signals.get(indicator_id)
    replaced: str = getattr(indicator, "ersatter", "")
    label = plan_text.CHART_BREAK.format(old=replaced) if replaced else ""
    if signal is None or signal.result is None:
        start: str = indicator.spc_fran if replaced else ""  # type: ignore[attr-defined]
        return charts.indicator_trend(
            history, result.period, Period.parse(start) if start else None, label
        )
    unit = history["enhet"].iloc[0] if len(history) else ""
    unit = "" if pd.isna(unit) else str(unit).strip()
    # Each period's own target, as the table and the trend chart show it.
    targets = {
        str(period): float(value)
        for period, value in zip(history["period"], history["malvarde"], strict=True)
        if pd.notna(value)
    }
    target = chart_target(result, indicator, signal)
    if target is None:
        targets = {}
    return spc_chart.spc_chart(
        signal.result, target, result.period, unit, targets, signal.basis, break_label=label
    )
