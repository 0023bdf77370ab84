"""The run's PDF step: the whole PDF is made in a thread of the run's own process while the
kernel runs the notebook, so that after the export the run only waits for what is left of it.

The thread reads the tertial's result the kernel is handed (with the same data path and
parameters), projects it (`print_document.project`) and draws the charts into the folder it
shares with the kernel (`chart_images.ChartFolder`): each chart is drawn once, by whichever
process claims it first, and serves both the HTML and the PDF. The thread draws the charts it
claims, waits for the kernel's, and has Typst typeset the document (`report.pdf.render_pdf`). A
run whose notebook or export fails publishes nothing, its PDF included.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hsn_analysis.dataset import Settings
from hsn_analysis.periods import Period
from hsn_analysis.report.chart_images import ChartFolder
from hsn_analysis.report.pdf import DocumentInfo, render_pdf
from hsn_analysis.report.pdf import fonts as pdf_fonts
from hsn_analysis.report.print_blocks import CHART_FOLDER
from hsn_analysis.rules.result import TertialResult
from hsn_analysis.words import report_text

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Printing:
    """The PDF being made: the thread's Future, the chart folder the kernel is to share
    (`charts`, its notebook parameter `diagram`), and the sign that the notebook has ended."""

    made: Future[tuple[bytes, dict[str, float]]]
    charts: Path
    notebook_done: threading.Event
    cancelled: threading.Event

    def notebook_ended(self) -> None:
        """The kernel draws no more: the thread draws whatever chart it still lacks."""
        self.notebook_done.set()

    def cancel(self) -> None:
        """Stop the thread at its next chart and wait until it has: the run has failed, and
        its working folder, where the thread writes, is about to be removed."""
        self.cancelled.set()
        self.notebook_done.set()
        wait([self.made])


class Cancelled(Exception):
    """The run failed before its PDF was done; the thread stopped drawing."""


def prepare(
    result: TertialResult,
    data: Path,
    parameters: dict[str, Any],
    folder: Path,
    info: DocumentInfo,
) -> Printing:
    """Start making the PDF of `result` in a thread (its charts in `folder`/diagram); the
    Future holds the PDF and the thread's times, or the failure, which `render` reports in the
    pdf step. `data` and `parameters` are the run's, as the notebook is given them. The caller
    must call `notebook_ended` when the notebook has run, and `cancel` if the run fails."""
    charts = folder / CHART_FOLDER
    charts.mkdir(exist_ok=True)
    done, cancelled = threading.Event(), threading.Event()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf")
    made = pool.submit(_make, result, data, parameters, folder, info, done, cancelled)
    pool.shutdown(wait=False)
    return Printing(made, charts, done, cancelled)


def _make(
    result: TertialResult,
    data: Path,
    parameters: dict[str, Any],
    folder: Path,
    info: DocumentInfo,
    done: threading.Event,
    cancelled: threading.Event,
) -> tuple[bytes, dict[str, float]]:
    clock = time.perf_counter()
    document = _prepare(result, data, parameters, folder, done, cancelled)
    prepared = time.perf_counter()
    pdf = render_pdf(document, folder, info)
    finished = time.perf_counter()
    return pdf, {"pdf_underlag": prepared - clock, "pdf_sattning": finished - prepared}


def _prepare(
    result: TertialResult,
    data: Path,
    parameters: dict[str, Any],
    folder: Path,
    done: threading.Event,
    cancelled: threading.Event,
) -> dict[str, Any]:
    """The PDF's data, every chart's print picture in `folder`: the report as the notebook's
    `context.prepare` makes it from the same result, data and parameters."""
    from hsn_analysis.report.context import Report
    from hsn_analysis.report.print_document import project

    started = datetime.fromisoformat(parameters["run_started"])
    shared = ChartFolder(folder / CHART_FOLDER)
    report = Report(result, data.resolve(), started, dict(parameters), shared)
    document, charts = project(report)
    # The kernel draws from the first chart on, as its sections reach them; this thread from
    # the last one back, so the two meet in the middle instead of one waiting on the other.
    # Then the kernel's share, as it finishes them.
    theirs = []
    for chart in reversed(charts):
        if cancelled.is_set():
            raise Cancelled
        if shared.claim(chart.key):
            shared.draw(chart.key, chart.draw)
        else:
            theirs.append(chart)
    # Typst's fonts are read once per process: now, while the kernel finishes its charts.
    pdf_fonts()
    for chart in theirs:
        if cancelled.is_set():
            raise Cancelled
        shared.image(chart.key, chart.draw, done)
    return document


def render(printing: Printing) -> tuple[bytes, dict[str, float]]:
    """The PDF once the thread is done, and its times: making the data and drawing its share of
    the charts (`pdf_underlag`) and typesetting (`pdf_sattning`), both while the kernel ran."""
    printing.notebook_ended()
    return printing.made.result()


def document_info(
    figures: dict[str, Any], period: Period, settings: Settings, started: datetime
) -> DocumentInfo:
    """The PDF's metadata: the run's title and board, and a subject naming year and period."""
    subject = report_text.PDF_SUBJECT.format(
        year=settings.year, label=period.label, description=period.description
    )
    if settings.decided_by:
        subject += ". " + report_text.PDF_DECIDED_BY.format(body=settings.decided_by)
    keywords = [*report_text.PDF_KEYWORDS]
    if settings.case_number:
        keywords.append(report_text.CASE_NUMBER.format(case=settings.case_number))
    return DocumentInfo(
        title=figures["titel"],
        author=figures["namnd"],
        subject=subject,
        created=started,
        keywords=tuple(keywords),
        identifier=settings.case_number,
        version=settings.document_version,
        document_date=settings.document_date,
    )
