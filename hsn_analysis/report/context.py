"""Everything one report needs, computed once: the dataset, the period and its results."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

import pandas as pd

from hsn_analysis.dataset import Dataset, Settings, load_checked
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.period_choice import latest_period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.rules.benchmark import Benchmark
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.rollup import StatusCounts, count_statuses, goal_rollup
from hsn_analysis.rules.signals import indicator_benchmarks, indicator_signals
from hsn_analysis.rules.spc import SpcResult
from hsn_analysis.rules.subgoals import evidence_deviations, subgoal_results
from hsn_analysis.version import __version__
from hsn_analysis.words import report_text


@dataclass(frozen=True)
class Report:
    """The inputs and results of one period's report; the section functions only read it."""

    dataset: Dataset
    period: Period
    data_path: Path
    run_started: datetime
    parameters: dict[str, str | None]
    subgoals: pd.DataFrame  # subgoal_results
    indicators: pd.DataFrame  # indicator_results: report-period rows and history
    goals: pd.DataFrame  # goal_rollup
    counts: StatusCounts
    deviations: pd.DataFrame  # evidence_deviations
    histories: dict[str, pd.DataFrame]  # indicator rows grouped once per report
    signals: dict[str, SpcResult | None] = field(default_factory=dict)  # by indikator_id
    benchmarks: dict[str, Benchmark | None] = field(default_factory=dict)  # by indikator_id

    @property
    def current_indicators(self) -> pd.DataFrame:
        """One row per indicator for the report period, in plan order."""
        return self.indicators.loc[self.indicators["rapportperiod"].to_numpy(dtype=bool)]

    def history(self, indicator_id: str) -> pd.DataFrame:
        """One indicator's rows, report period first, then earlier periods newest first."""
        return self.histories.get(indicator_id, self.indicators.iloc[0:0])


# The packages whose versions a report and its run record name.
VERSIONED = ["pandas", "numpy", "matplotlib", "papermill", "nbconvert", "nbclient", "ipykernel"]


def package_versions() -> dict[str, str]:
    """Python's, this package's and the main dependencies' versions ("saknas" if not installed)."""
    found = {"python": platform.python_version(), "hsn-analysis": __version__}
    for name in VERSIONED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "saknas"
    return found


def report_title(settings: Settings, period: Period) -> str:
    """The page title: board, plan year and period."""
    return report_text.TITLE.format(
        board=settings.board_name, year=settings.year, period=period.label
    )


def prepare(
    period: str,
    data: str | os.PathLike[str] | None = None,
    run_started: str | None = None,
    checked: str | os.PathLike[str] | None = None,
) -> Report:
    """Load and validate the data, then compute every result the report shows.

    `period` is a code such as "2025-T2" or "latest"; `data` a CSV folder or .xlsx workbook
    (None: the bundled example data); `run_started` an ISO time stamp (None: now). Invalid data
    raises InvalidDatasetError listing every problem. `checked` is set by `hsn-report run`: its
    already validated copy of `data` (`dataset.save_checked`), so the input is read only once.
    """
    path = Path(data) if data else EXAMPLE_DATA
    dataset = load_checked(Path(checked)) if checked else load_dataset(path)
    chosen = latest_period(dataset) if period == "latest" else Period.parse(period)
    started = datetime.fromisoformat(run_started) if run_started else datetime.now().astimezone()
    parameters = {
        "period": period,
        "data": None if data is None else str(data),
        "run_started": run_started,
    }
    return build_report(dataset, chosen, path.resolve(), started, parameters)


def build_report(
    dataset: Dataset,
    period: Period,
    data_path: Path,
    run_started: datetime,
    parameters: dict[str, str | None],
) -> Report:
    """Compute every result the report shows from a dataset already loaded."""
    subgoals = subgoal_results(dataset, period)
    indicators = indicator_results(dataset, period)
    return Report(
        dataset=dataset,
        period=period,
        data_path=data_path,
        run_started=run_started,
        parameters=parameters,
        subgoals=subgoals,
        indicators=indicators,
        goals=goal_rollup(dataset, subgoals),
        counts=count_statuses(subgoals["status"]),
        deviations=evidence_deviations(subgoals, indicators),
        histories=dict(tuple(indicators.groupby("indikator_id", sort=False))),
        signals=indicator_signals(dataset, period),
        benchmarks=indicator_benchmarks(dataset, period),
    )
