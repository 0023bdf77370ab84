"""Everything one report needs: the tertial's result (computed once) and how the run was made."""

from __future__ import annotations

import os
import platform
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.period_choice import choose_period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.report.chart_images import ChartFolder, ChartImage, draw_image
from hsn_analysis.rules.benchmark import Benchmark
from hsn_analysis.rules.result import TertialResult, compute_result, load_result
from hsn_analysis.rules.rollup import StatusCounts
from hsn_analysis.rules.signals import Signal
from hsn_analysis.version import __version__

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Report:
    """One period's report: its tertial result and how this run was made. The section functions
    only read it; every figure comes from `result` (`rules.result.TertialResult`). Its charts
    are drawn once each, in `charts` when the run shares them with its PDF (`chart_images`)."""

    result: TertialResult
    data_path: Path
    run_started: datetime
    parameters: dict[str, str | None]
    charts: ChartFolder | None = None

    def chart(self, key: str, draw: Callable[[], Figure]) -> ChartImage:
        """The pictures of the chart `draw` makes, `key` naming it in `charts`."""
        if self.charts is None:
            return draw_image(draw())
        return self.charts.image(key, draw)

    @property
    def dataset(self) -> Dataset:
        """The checked dataset the result was computed from."""
        return self.result.dataset

    @property
    def period(self) -> Period:
        """The report period."""
        return self.result.period

    @property
    def subgoals(self) -> pd.DataFrame:
        """`TertialResult.subgoals`."""
        return self.result.subgoals

    @property
    def indicators(self) -> pd.DataFrame:
        """`TertialResult.indicators`: report-period rows and history."""
        return self.result.indicators

    @property
    def current_indicators(self) -> pd.DataFrame:
        """One row per indicator for the report period, in plan order."""
        return self.result.current_indicators

    @property
    def goals(self) -> pd.DataFrame:
        """`TertialResult.goals`."""
        return self.result.goals

    @property
    def counts(self) -> StatusCounts:
        """Delmål per status."""
        return self.result.counts

    @property
    def deviations(self) -> pd.DataFrame:
        """`TertialResult.deviations`."""
        return self.result.deviations

    @property
    def signals(self) -> Mapping[str, Signal]:
        """SPC signal by indikator_id."""
        return self.result.signals

    @property
    def benchmarks(self) -> Mapping[str, Benchmark | None]:
        """Kolada comparison by indikator_id."""
        return self.result.benchmarks

    def history(self, indicator_id: str) -> pd.DataFrame:
        """One indicator's rows, report period first, then earlier periods newest first."""
        return self.result.history(indicator_id)


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


def prepare(
    period: str,
    data: str | os.PathLike[str] | None = None,
    run_started: str | None = None,
    checked: str | os.PathLike[str] | None = None,
    charts: str | os.PathLike[str] | None = None,
) -> Report:
    """The report of `period`: its tertial result, and how this run was made.

    `checked` is set by `hsn-report run`: the result it computed while the kernel started
    (`rules.result.save_result`), so that nothing is read or computed twice. Without it (an
    analyst re-running the notebook in JupyterLab), `data` (a CSV folder or .xlsx workbook;
    None: the bundled example data) is read, checked and computed with the same
    `compute_result`; invalid data raises InvalidDatasetError listing every problem. `period`
    is a code such as "2025-T2" or "latest"; `run_started` an ISO time stamp (None: now).
    `charts` is the folder where the run shares the charts' pictures with its PDF (set by
    `hsn-report run`; without it each chart is drawn here).
    """
    path = Path(data) if data else EXAMPLE_DATA
    if checked:
        result = load_result(Path(checked))
    else:
        dataset = load_dataset(path)
        result = compute_result(dataset, choose_period(period, dataset))
    started = datetime.fromisoformat(run_started) if run_started else datetime.now().astimezone()
    parameters = {
        "period": period,
        "data": None if data is None else str(data),
        "run_started": run_started,
    }
    folder = ChartFolder(Path(charts)) if charts else None
    return Report(result, path.resolve(), started, parameters, folder)
