"""The one chart the report draws for an indicator, for the report and for the analyst alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from hsn_analysis.report import charts, spc_chart
from hsn_analysis.rules.result import TertialResult
from hsn_analysis.rules.signals import report_target

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["indicator_figure", "signal_target"]


def signal_target(result: TertialResult, indicator: object) -> float | None:
    """The target the SPC chart draws and the assurance is judged against."""
    outcomes = result.dataset.outcomes
    rows = outcomes[outcomes["indikator_id"] == indicator.indikator_id]  # type: ignore[attr-defined]
    return report_target(indicator, rows, result.period)


def indicator_figure(result: TertialResult, indicator: object) -> Figure:
    """The indicator's one chart: its SPC chart when the series is long enough for signals
    (the values, the target, the centre line, the limits and the special causes, as Making
    Data Count draws them), else the trend chart with each period's status. `indicator` is
    its row of `dataset.indicators` (an itertuples row)."""
    indicator_id: str = indicator.indikator_id  # type: ignore[attr-defined]
    history = result.history(indicator_id)
    signals = result.signals.get(indicator_id)
    if signals is None:
        return charts.indicator_trend(history, result.period)
    unit = history["enhet"].iloc[0] if len(history) else ""
    unit = "" if pd.isna(unit) else str(unit).strip()
    # Each period's own target, as the table and the trend chart show it.
    targets = {
        str(period): float(value)
        for period, value in zip(history["period"], history["malvarde"], strict=True)
        if pd.notna(value)
    }
    target = signal_target(result, indicator)
    return spc_chart.spc_chart(signals, target, result.period, unit, targets)
