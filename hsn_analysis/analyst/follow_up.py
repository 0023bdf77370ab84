"""One loaded dataset and the questions an analyst asks of it, period by period."""

from __future__ import annotations

import functools
import html
import os
from pathlib import Path
from typing import TYPE_CHECKING

from hsn_analysis.analyst import tables
from hsn_analysis.analyst.display import Summary, Table
from hsn_analysis.analyst.errors import (
    DataNotFoundError,
    InvalidDataError,
    UnknownIdError,
    problem_table,
)
from hsn_analysis.analyst.tertial import Tertial
from hsn_analysis.dataset import Dataset
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.problems import Problem
from hsn_analysis.reading.period_choice import PeriodWithoutData, choose_period
from hsn_analysis.reading.validation import check_dataset
from hsn_analysis.rules.comparison import compare_indicator_values, compare_periods
from hsn_analysis.rules.result import compute_result
from hsn_analysis.words import analyst_text as text
from hsn_analysis.words.counting import GOALS, INDICATORS, SUBGOALS, WARNINGS, counted

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
    """A checked dataset and its answers: `tertial` (a period's result, as the report has it),
    `summary`, `subgoals`, `indicators`, `history`, `chart`, `compare`, `compare_values` and
    `problems`. Periods are codes such as "2025-T2" (any spelling `hsn-report` accepts) or
    "latest"."""

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
        try:
            return choose_period(period, self.dataset)
        except PeriodWithoutData as exc:
            raise UnknownIdError("period", str(period), exc.known) from None

    def tertial(self, period: str | Period = "latest") -> Tertial:
        """The period's result: every figure the report, its run record and `hsn-report
        summary --json` show (`to_json()` prints the same), computed once per period."""
        return self._tertial(self.period(period))

    @functools.cache  # noqa: B019 - one FollowUp per dataset; its results are kept with it
    def _tertial(self, period: Period) -> Tertial:
        return Tertial(compute_result(self.dataset, period))

    def summary(self, period: str | Period = "latest") -> Summary:
        """The count sentence of the period (what `print` shows) and the mål with their
        rolled-up status."""
        return self.tertial(period).summary()

    def subgoals(self, period: str | Period = "latest", goal: str | None = None) -> Table:
        """The delmål of the period (of one mål when `goal` is given) with their assessment."""
        return self.tertial(period).subgoals(goal)

    def indicators(self, period: str | Period = "latest", goal: str | None = None) -> Table:
        """Every indicator of the period (of one mål when `goal` is given), due or not."""
        return self.tertial(period).indicators(goal)

    def history(self, indicator: str, period: str | Period = "latest") -> Table:
        """One indicator's rows up to the period, newest first, as the report's table."""
        return self.tertial(period).history(indicator)

    def chart(self, indicator: str, period: str | Period = "latest") -> Figure:
        """The chart the report draws for the indicator in the period: its SPC chart when the
        series is long enough for signals, else its trend chart (a matplotlib Figure)."""
        return self.tertial(period).chart(indicator)

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
        return text.FOLLOW_UP.format(
            board=settings.board_name,
            year=settings.year,
            source=self.source,
            goals=counted(len(self.dataset.goals), GOALS),
            subgoals=counted(len(self.dataset.subgoals), SUBGOALS),
            indicators=counted(len(self.dataset.indicators), INDICATORS),
            periods=", ".join(self.periods),
            warnings=counted(len(self._problems), WARNINGS),
        )

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(repr(self))}</p>"
