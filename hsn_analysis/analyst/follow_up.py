"""One loaded dataset and the questions an analyst asks of it, period by period."""

from __future__ import annotations

import functools
import html
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from hsn_analysis.analyst import tables
from hsn_analysis.analyst.display import Summary, Table
from hsn_analysis.analyst.errors import (
    DataNotFoundError,
    InvalidDataError,
    UnknownIdError,
    problem_table,
)
from hsn_analysis.dataset import Dataset
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.problems import Problem
from hsn_analysis.reading.period_choice import latest_period
from hsn_analysis.reading.validation import check_dataset
from hsn_analysis.rules.comparison import compare_indicator_values, compare_periods
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.rollup import count_statuses, goal_rollup
from hsn_analysis.rules.subgoals import subgoal_results
from hsn_analysis.words import analyst_text as text
from hsn_analysis.words.narrative import count_sentence

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def load(path: str | os.PathLike[str] | None = None) -> FollowUp:
    """Read and check a dataset once: a folder of CSV files or one .xlsx workbook.

    None is the bundled example data. A relative path is read from the current folder (not the
    notebook's package). Raises DataNotFoundError naming the absolute path tried, and
    InvalidDataError listing every problem when the data has errors.
    """
    source = EXAMPLE_DATA if path is None else Path(path)
    absolute = Path(os.path.abspath(source))
    if not absolute.exists():
        raise DataNotFoundError(text.NOT_FOUND.format(path=absolute, cwd=Path.cwd()))
    result = check_dataset(absolute)
    if result.dataset is None:  # None whenever there is an error
        raise InvalidDataError(absolute, list(result.problems))
    return FollowUp(result.dataset, absolute, tuple(result.problems))


class FollowUp:
    """A checked dataset and its answers: `summary`, `subgoals`, `indicators`, `history`,
    `chart`, `compare`, `compare_values` and `problems`. Periods are codes such as "2025-T2"
    (any spelling `hsn-report` accepts) or "latest"."""

    def __init__(self, dataset: Dataset, source: Path, problems: tuple[Problem, ...]) -> None:
        self.dataset = dataset
        self.source = source
        self._problems = problems

    @property
    def periods(self) -> list[str]:
        """Every period that has outcomes or assessments, oldest first."""
        return list(self.dataset.periods)

    def period(self, period: str | Period = "latest") -> Period:
        """The period meant, checked against the data (UnknownIdError names the valid ones)."""
        if period == "latest":
            return latest_period(self.dataset)
        chosen = Period.parse(period)
        if chosen.code not in self.dataset.periods:
            raise UnknownIdError("period", str(period), self.dataset.periods)
        return chosen

    @functools.cache  # noqa: B019 - one FollowUp per dataset; its results are kept with it
    def _subgoals(self, period: Period) -> pd.DataFrame:
        return subgoal_results(self.dataset, period)

    @functools.cache  # noqa: B019
    def _indicators(self, period: Period) -> pd.DataFrame:
        return indicator_results(self.dataset, period)

    def _goal_id(self, goal: str | None) -> str | None:
        valid = list(self.dataset.goals["mal_id"])
        if goal is not None and goal not in valid:
            raise UnknownIdError("mal", goal, valid)
        return goal

    def _indicator_id(self, indicator: str) -> str:
        valid = list(self.dataset.indicators["indikator_id"])
        if indicator not in valid:
            raise UnknownIdError("indikator", indicator, valid)
        return indicator

    def _title(self, period: Period) -> str:
        settings = self.dataset.settings
        return text.SUMMARY_TITLE.format(
            board=settings.board_name, year=settings.year, period=period.label
        )

    def summary(self, period: str | Period = "latest") -> Summary:
        """The count sentence of the period (what `print` shows) and the mål with their
        rolled-up status."""
        chosen = self.period(period)
        subgoals = self._subgoals(chosen)
        goals = goal_rollup(self.dataset, subgoals)
        sentence = count_sentence(count_statuses(subgoals["status"]), chosen)
        return Summary(self._title(chosen), sentence, Table(tables.goal_table(goals)))

    def subgoals(self, period: str | Period = "latest", goal: str | None = None) -> Table:
        """The delmål of the period (of one mål when `goal` is given) with their assessment."""
        chosen = self.period(period)
        goal_id = self._goal_id(goal)
        frame = self._subgoals(chosen)
        if goal_id is not None:
            frame = frame.loc[frame["mal_id"] == goal_id]
        return Table(tables.subgoal_table(frame), self._title(chosen))

    def indicators(self, period: str | Period = "latest", goal: str | None = None) -> Table:
        """Every indicator of the period (of one mål when `goal` is given), due or not."""
        chosen = self.period(period)
        goal_id = self._goal_id(goal)
        frame = self._indicators(chosen)
        frame = frame.loc[frame["rapportperiod"].to_numpy(dtype=bool)]
        if goal_id is not None:
            in_goal = self.dataset.subgoals.loc[self.dataset.subgoals["mal_id"] == goal_id]
            frame = frame.loc[frame["delmal_id"].isin(in_goal["delmal_id"])]
        return Table(tables.indicator_table(frame), self._title(chosen))

    def _history(self, indicator: str, period: Period) -> pd.DataFrame:
        frame = self._indicators(period)
        return frame.loc[frame["indikator_id"] == self._indicator_id(indicator)]

    def history(self, indicator: str, period: str | Period = "latest") -> Table:
        """One indicator's rows up to the period, newest first, as the report's table."""
        chosen = self.period(period)
        history = self._history(indicator, chosen)
        name = history["namn"].iloc[0] if len(history) else indicator
        return Table(tables.indicator_table(history, with_period=True), f"{indicator} {name}")

    def chart(self, indicator: str, period: str | Period = "latest") -> Figure:
        """The report's trend chart of one indicator (a matplotlib Figure; JupyterLab shows it)."""
        from hsn_analysis.report.charts import indicator_trend  # matplotlib only when drawn

        chosen = self.period(period)
        return indicator_trend(self._history(indicator, chosen), chosen)

    def compare(self, earlier: str | Period, later: str | Period) -> Table:
        """Each delmål's status in two periods side by side, with the change."""
        first, second = self.period(earlier), self.period(later)
        changes = compare_periods(self.dataset, first, second)
        return Table(tables.period_comparison_table(changes, first, second))

    def compare_values(self, earlier: str | Period, later: str | Period) -> Table:
        """Each indicator's value in two periods and the change."""
        first, second = self.period(earlier), self.period(later)
        values = compare_indicator_values(self.dataset, first, second)
        return Table(tables.value_comparison_table(values, first, second))

    def problems(self) -> Table:
        """The data-quality problems found when the data was read (warnings: data with errors
        never loads)."""
        title = "" if self._problems else text.NO_PROBLEMS
        return Table(problem_table(self._problems), title)

    def __repr__(self) -> str:
        settings = self.dataset.settings
        return (
            f"{settings.board_name}, nämndplan {settings.year} ({self.source}): "
            f"{len(self.dataset.goals)} mål, {len(self.dataset.subgoals)} delmål, "
            f"{len(self.dataset.indicators)} indikatorer; perioder {', '.join(self.periods)}; "
            f"{len(self._problems)} varningar"
        )

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(repr(self))}</p>"
