"""One tertial's result as the analyst sees it: `hsn.load(path).tertial("2025-T2")`.

The figures are the report's own: `result` is the `TertialResult` that `hsn-report run` hands
to the report (computed by the same `compute_result`), and `to_json()` is what
`hsn-report summary --json` prints. The tables put it in the report's words.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from hsn_analysis.analyst import tables
from hsn_analysis.analyst.display import Summary, Table
from hsn_analysis.analyst.errors import UnknownIdError
from hsn_analysis.periods import Period
from hsn_analysis.rules.result import TertialResult, UnitResult
from hsn_analysis.words import analyst_text as text
from hsn_analysis.words.narrative import count_sentence
from hsn_analysis.words.summary import summary_text
from hsn_analysis.words.titles import report_title

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Tertial"]


class Tertial:
    """A period's result: `summary`, `subgoals`, `indicators`, `history`, `chart`,
    `deviations`, `signals`, `units`, `unit` and `to_json`. `result` is the result itself."""

    def __init__(self, result: TertialResult) -> None:
        self.result = result

    @property
    def period(self) -> Period:
        """The period of the result."""
        return self.result.period

    @property
    def title(self) -> str:
        """The report's title."""
        return report_title(self.result.dataset.settings, self.result.period)

    def to_json(self) -> str:
        """The summary JSON, exactly as `hsn-report summary --period P --json` prints it."""
        return summary_text(self.result)

    def summary(self) -> Summary:
        """The count sentence (what `print` shows) and the mål with their rolled-up status."""
        sentence = count_sentence(self.result.counts, self.period)
        return Summary(self.title, sentence, Table(tables.goal_table(self.result.goals)))

    def _goal_id(self, goal: str | None) -> str | None:
        valid = list(self.result.dataset.goals["mal_id"])
        if goal is not None and goal not in valid:
            raise UnknownIdError("mal", goal, valid)
        return goal

    def _indicator_id(self, indicator: str) -> str:
        valid = list(self.result.dataset.indicators["indikator_id"])
        if indicator not in valid:
            raise UnknownIdError("indikator", indicator, valid)
        return indicator

    def subgoals(self, goal: str | None = None) -> Table:
        """The delmål (of one mål when `goal` is given) with their assessment."""
        goal_id = self._goal_id(goal)
        frame = self.result.subgoals
        if goal_id is not None:
            frame = frame.loc[frame["mal_id"] == goal_id]
        return Table(tables.subgoal_table(frame), self.title)

    def indicators(self, goal: str | None = None) -> Table:
        """Every indicator of the period (of one mål when `goal` is given), due or not."""
        goal_id = self._goal_id(goal)
        frame = self.result.current_indicators
        if goal_id is not None:
            subgoals = self.result.dataset.subgoals
            in_goal = subgoals.loc[subgoals["mal_id"] == goal_id, "delmal_id"]
            frame = frame.loc[frame["delmal_id"].isin(in_goal)]
        return Table(tables.indicator_table(frame), self.title)

    def history(self, indicator: str) -> Table:
        """One indicator's rows up to the period, newest first, as the report's table."""
        history = self.result.history(self._indicator_id(indicator))
        name = history["namn"].iloc[0] if len(history) else indicator
        return Table(tables.indicator_table(history, with_period=True), f"{indicator} {name}")

    def chart(self, indicator: str) -> Figure:
        """The chart the report draws for the indicator: its SPC chart when the series is long
        enough for signals, else its trend chart (a matplotlib Figure)."""
        from hsn_analysis.report.indicator_figure import indicator_figure  # matplotlib if drawn

        found = self._indicator_id(indicator)
        indicators = self.result.dataset.indicators
        [row] = indicators.loc[indicators["indikator_id"] == found].itertuples(index=False)
        return indicator_figure(self.result, row)

    def deviations(self) -> Table:
        """Delmål whose assessment and indicators point opposite ways (information only)."""
        return Table(tables.deviation_table(self.result.deviations), self.title)

    def signals(self) -> Table:
        """Per indicator: the SPC icons (from 12 points) and the rank among the regions."""
        frame = tables.signal_table(
            self.result.current_indicators, self.result.signals, self.result.benchmarks
        )
        return Table(frame, self.title)

    def units(self) -> Table:
        """Every basenhet × every delmål the units assess: each unit's own status."""
        units = self.result.units
        if units is None:
            return Table(pd.DataFrame(), text.NO_UNITS)
        frame = tables.unit_matrix_table(units.matrix, self.result.dataset.units)
        return Table(frame, self.title)

    def unit(self, unit_id: str) -> UnitResult:
        """One basenhet's slice of the result (UnknownIdError names the valid ids)."""
        try:
            return self.result.for_unit(unit_id)
        except KeyError:
            valid = list(self.result.dataset.units["enhet_id"])
            raise UnknownIdError("enhet", unit_id, valid) from None

    def __repr__(self) -> str:
        return f"{self.title}\n{count_sentence(self.result.counts, self.period)}"

    def _repr_html_(self) -> str:
        sentence = count_sentence(self.result.counts, self.period)
        return f"<p><strong>{html.escape(self.title)}</strong></p><p>{html.escape(sentence)}</p>"
