"""The run's PDF step: the whole PDF is made in a thread of the run's own process while the
kernel runs the notebook, so that after the export the run only waits for what is left of it.

The PDF needs nothing from the notebook: the thread reads the tertial's result the kernel is
handed (with the same data path and parameters), projects it (`print_document.project`), draws
each chart as an SVG into the run's working folder and has Typst typeset the document
(`report.pdf.render_pdf`). A run whose notebook or export fails publishes nothing, its PDF
included.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hsn_analysis.dataset import Settings
from hsn_analysis.periods import Period
from hsn_analysis.report.pdf import DocumentInfo, render_pdf
from hsn_analysis.rules.result import TertialResult
from hsn_analysis.words import report_text

if TYPE_CHECKING:  # matplotlib loads in the thread, not when the runner imports this module
    from matplotlib.typing import RcKeyType

logger = logging.getLogger(__name__)

# Chart files are SVG: vector, as sharp on paper as on a screen. Text as outlines, so the
# drawing needs no font of the PDF's; a fixed salt keeps the files the same from run to run.
_SVG_STYLE: dict[RcKeyType, Any] = {"svg.fonttype": "path", "svg.hashsalt": "hsn-rapport"}


def prepare(
    result: TertialResult,
    data: Path,
    parameters: dict[str, Any],
    folder: Path,
    info: DocumentInfo,
) -> Future[tuple[bytes, dict[str, float]]]:
    """Start making the PDF of `result` in a thread (its chart files in `folder`); the Future
    holds the PDF and the thread's times, or the failure, which `render` reports in the pdf
    step. `data` and `parameters` are the run's, as the notebook is given them."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf")
    future = pool.submit(_make, result, data, parameters, folder, info)
    pool.shutdown(wait=False)
    return future


def _make(
    result: TertialResult,
    data: Path,
    parameters: dict[str, Any],
    folder: Path,
    info: DocumentInfo,
) -> tuple[bytes, dict[str, float]]:
    clock = time.perf_counter()
    document = _prepare(result, data, parameters, folder)
    prepared = time.perf_counter()
    pdf = render_pdf(document, folder, info)
    done = time.perf_counter()
    return pdf, {"pdf_underlag": prepared - clock, "pdf_sattning": done - prepared}


def _prepare(
    result: TertialResult, data: Path, parameters: dict[str, Any], folder: Path
) -> dict[str, Any]:
    """The PDF's data, its charts drawn into `folder`: the report as the notebook's
    `context.prepare` makes it from the same result, data and parameters."""
    import matplotlib as mpl

    from hsn_analysis.report.context import Report
    from hsn_analysis.report.print_blocks import CHART_FOLDER
    from hsn_analysis.report.print_document import project

    started = datetime.fromisoformat(parameters["run_started"])
    report = Report(result, data.resolve(), started, dict(parameters))
    document, charts = project(report)
    (folder / CHART_FOLDER).mkdir(exist_ok=True)
    with mpl.rc_context(_SVG_STYLE):
        for chart in charts:
            figure = chart.draw()
            figure.savefig(
                folder / CHART_FOLDER / chart.name, format="svg", metadata={"Date": None}
            )
    return document


def render(made: Future[tuple[bytes, dict[str, float]]]) -> tuple[bytes, dict[str, float]]:
    """The PDF once the thread is done, and its times: making the data and charts
    (`pdf_underlag`) and typesetting (`pdf_sattning`), both while the kernel ran."""
    return made.result()


def settle(made: Future[tuple[bytes, dict[str, float]]]) -> None:
    """Wait until the thread has ended, whatever its outcome: it writes in the run's working
    folder, which the run removes when it ends. After a failed run neither its PDF nor its
    error is wanted."""
    wait([made])


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
