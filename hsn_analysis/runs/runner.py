"""The board's report run: validate → execute the notebook with papermill → export HTML → PDF/A
→ publish, on the publishing path every report shares (`publishing`: lock, unfinished-run
marker, working folder, failure record, backup in `tidigare/`). The index of all reports is
rewritten after each run, published or failed (`index`).
"""

from __future__ import annotations

import json
import logging
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hsn_analysis import paths
from hsn_analysis.dataset import Dataset
from hsn_analysis.paths import EXAMPLE_DATA, OUTPUTS
from hsn_analysis.periods import Period
from hsn_analysis.problems import InvalidDatasetError
from hsn_analysis.reading.period_choice import resolve_period
from hsn_analysis.reading.validation import check_dataset
from hsn_analysis.report.export import export_html, report_exporter
from hsn_analysis.rules.result import compute_result, save_result
from hsn_analysis.runs import pdf_step
from hsn_analysis.runs.index import refresh_index
from hsn_analysis.runs.kernel import running_kernel, skip_slow_schema_import
from hsn_analysis.runs.layout import published_files
from hsn_analysis.runs.notebook import (  # re-exported: the runner's failures, as callers know them
    CELL_TIMEOUT_S,
    KernelDied,
    NotebookFailed,
    execute_notebook,
)
from hsn_analysis.runs.publishing import Attempt, OutputFailed, RunFailed, attempt
from hsn_analysis.runs.record import record_figures, run_record
from hsn_analysis.words.publishing import pdf_done_line

__all__ = [
    "CELL_TIMEOUT_S",
    "KernelDied",
    "NotebookFailed",
    "OutputFailed",
    "RunFailed",
    "RunResult",
    "execute_notebook",
    "produce_report",
    "run_report",
]

REPORT_NOTEBOOK = paths.REPORT_NOTEBOOK

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunResult:
    """A published report and the files beside it."""

    period: Period
    html: Path
    notebook: Path
    record: Path
    timings: dict[str, float] = field(default_factory=dict)
    pdf: Path | None = None


def _validated(data: Path) -> Dataset:
    """The dataset in `data`; InvalidDatasetError listing every problem if it has errors."""
    result = check_dataset(data)
    if result.dataset is None:  # None whenever there is an error
        raise InvalidDatasetError(result.problems)
    return result.dataset


def run_report(
    period: str,
    data: Path | None = None,
    out: Path | None = None,
    *,
    notebook: Path | None = None,
    today: date | None = None,
    kernel: Any = None,
) -> RunResult:
    """Produce the follow-up report of one period; see the module docstring for the guarantees.

    Invalid data raises InvalidDatasetError before any notebook runs. A period that cannot be
    used raises ValueError (PeriodNotReady for `auto` before its assessments are in). Another run
    of the same period raises LockBusy. A failing notebook (or a dead kernel), export or PDF
    raises RunFailed; its failure is then kept as `…MISSLYCKAD.ipynb` and no HTML is written.

    The kernel is started first (or given, from `kernel.running_kernel`), so that it boots while
    the data is read and checked; it is stopped unused if the run ends before the notebook.
    """
    if kernel is None:
        with running_kernel() as started:
            return run_report(period, data, out, notebook=notebook, today=today, kernel=started)
    clock = time.perf_counter()
    data = (data or EXAMPLE_DATA).resolve()
    logger.info("Validerar %s", data)
    dataset = _validated(data)
    chosen = resolve_period(period, dataset, today or date.today())
    checked = time.perf_counter() - clock
    return produce_report(
        dataset, chosen, data, out, notebook=notebook, validation_s=checked, kernel=kernel
    )


def produce_report(
    dataset: Dataset,
    period: Period,
    data: Path,
    out: Path | None = None,
    *,
    notebook: Path | None = None,
    validation_s: float = 0.0,
    kernel: Any = None,
) -> RunResult:
    """The report of `period` from a dataset already validated (read from `data`).

    Takes the period's lock (LockBusy if another run has it), runs, publishes and rewrites the
    index; raises RunFailed as `run_report` does, OutputFailed when its files cannot be
    written. `validation_s` is the time the caller spent validating, for the run record;
    `kernel` a running one (else one is started once the lock is held). Safe to call from
    several threads for different periods: each run has its own kernel, working folders and
    output files.
    """
    started = datetime.now().astimezone()
    clock = time.perf_counter() - validation_s
    timings = {"validering": validation_s}
    out = (out or OUTPUTS).resolve()
    files = published_files(out, period)
    try:
        with attempt(files, f"rapport {period.code}", started) as run, ExitStack() as stack:
            kernel = kernel or stack.enter_context(running_kernel())
            _produce(run, dataset, data, notebook or REPORT_NOTEBOOK, kernel, clock, timings, stack)
    except RunFailed:
        refresh_index(out)  # the index shows the failed run beside the report that is kept
        raise
    except OutputFailed:
        if out.is_dir():  # else there is no index to write either
            refresh_index(out)
        raise
    refresh_index(out)
    logger.info("Klar: %s", files.html)
    return RunResult(period, files.html, files.notebook, files.record, timings, files.pdf)


def _produce(
    run: Attempt,
    dataset: Dataset,
    data: Path,
    notebook: Path,
    kernel: Any,
    clock: float,
    timings: dict[str, float],
    cleanup: ExitStack,
) -> None:
    chosen, files, started = run.files.period, run.files, run.started
    # While the kernel boots: compute the tertial's result and hand it (with the checked
    # data) to the kernel, make the exporter and the record's figures, import papermill.
    result = compute_result(dataset, chosen)  # the one result every output reads
    checked = run.work / "result.pickle"
    save_result(result, checked)
    parameters = {
        "period": chosen.code,
        "data": str(data),
        "run_started": started.isoformat(timespec="seconds"),
    }
    skip_slow_schema_import()
    exporter = report_exporter()
    figures = record_figures(result)
    info = pdf_step.document_info(figures, chosen, result.dataset.settings, started)
    # While the kernel runs the notebook this process is idle: it makes the whole PDF, drawing
    # each chart the kernel has not yet taken (and the kernel uses the picture).
    printing = pdf_step.prepare(result, data, parameters, run.work, info)
    # The thread writes in the working folder: however the run ends, it stops first (else a
    # failed run's folder could be removed while the thread still adds charts to it).
    cleanup.callback(printing.cancel)

    logger.info("Kör %s för %s", notebook.name, chosen.code)
    step = time.perf_counter()
    shared = {"checked": str(checked), "diagram": str(printing.charts)}
    try:
        nb = run.run_notebook(notebook, {**parameters, **shared}, kernel)
    finally:  # ended or failed, the kernel draws no more charts for the PDF
        printing.notebook_ended()
    timings["notebook"] = time.perf_counter() - step

    logger.info("Skapar HTML")
    step = time.perf_counter()
    try:
        page = export_html(nb, figures["titel"], exporter)
    except Exception as exc:  # any nbconvert/Jinja failure: keep the notebook, publish nothing
        raise run.failed("export", f"{type(exc).__name__}: {exc}", notebook) from exc
    run.staged(files.html).write_text(page, encoding="utf-8")
    timings["export"] = time.perf_counter() - step

    logger.info("Skapar PDF/A")
    step = time.perf_counter()
    assert files.pdf is not None  # the board's report always has its PDF/A
    try:
        pdf, made = pdf_step.render(printing)
    except Exception as exc:  # a report without its PDF is not published either
        raise run.failed("pdf", f"{type(exc).__name__}: {exc}", notebook) from exc
    run.staged(files.pdf).write_bytes(pdf)
    timings["pdf"] = time.perf_counter() - step  # what the run waited for
    timings.update(made)  # the thread's own times, while the kernel ran
    logger.info("%s", pdf_done_line(made["pdf_sattning"]))
    timings["totalt"] = time.perf_counter() - clock

    record = run_record(
        figures, dataset, chosen, data, parameters, started, timings, page.encode(), pdf
    )
    run.staged(files.record).write_text(
        json.dumps(record, ensure_ascii=False, indent=2, allow_nan=False), encoding="utf-8"
    )
    run.publish()
