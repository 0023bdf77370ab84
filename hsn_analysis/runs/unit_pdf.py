"""A basenhet's PDF/A (`hsn-report run --enhet ID|alla --pdf`): the unit's slice of the
tertial's result, projected as its page is (`report.print_unit`) and typeset by the board's
template and engine (`report.pdf.render_pdf`), PDF/A-2a and PDF/UA-1 checked as it is written.

It needs nothing from the notebook, so it is made while the kernel runs the unit's notebook, in
a thread of the process that waits for the kernel; the run then only waits for what is left.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from hsn_analysis.report.pdf import DocumentInfo, render_pdf
from hsn_analysis.rules.result import TertialResult
from hsn_analysis.words import report_text
from hsn_analysis.words import unit_text as words
from hsn_analysis.words.titles import unit_report_title


def unit_document_info(result: TertialResult, unit_id: str, started: datetime) -> DocumentInfo:
    """The unit's PDF's metadata: its title as the page's, the board, a subject naming the
    unit, its område and the period."""
    settings, unit = result.dataset.settings, result.for_unit(unit_id)
    subject = words.UNIT_PDF_SUBJECT.format(
        year=settings.year, unit=unit.name, area=unit.area, period=result.period.label
    )
    return DocumentInfo(
        title=unit_report_title(result.period, unit.name),
        author=settings.board_name,
        subject=subject,
        created=started,
        keywords=(*report_text.PDF_KEYWORDS, unit.name),
    )


def make_unit_pdf(
    result: TertialResult, unit_id: str, started: datetime, folder: Path
) -> tuple[bytes, dict[str, float]]:
    """The unit's PDF (typeset in `folder`, the run's working folder) and its times as the
    board's run record names them: the projection (`pdf_underlag`) and Typst (`pdf_sattning`)."""
    from hsn_analysis.report.print_unit import project_unit
    from hsn_analysis.report.unit_context import UnitReport

    clock = time.perf_counter()
    document = project_unit(UnitReport(result, result.for_unit(unit_id), started))
    projected = time.perf_counter()
    pdf = render_pdf(document, folder, unit_document_info(result, unit_id, started))
    done = time.perf_counter()
    return pdf, {"pdf_underlag": projected - clock, "pdf_sattning": done - projected}


def start_unit_pdf(
    result: TertialResult, unit_id: str, started: datetime, folder: Path
) -> Future[tuple[bytes, dict[str, float]]]:
    """`make_unit_pdf` in a thread; its Future holds the PDF and its times, or its failure."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enhetens-pdf")
    future = pool.submit(make_unit_pdf, result, unit_id, started, folder)
    pool.shutdown(wait=False)
    return future
