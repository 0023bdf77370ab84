"""The run's PDF step: WeasyPrint is imported and warmed up in a thread while the kernel runs
the notebook, so that after the export the run waits only for the render itself.

The PDF used to be rendered ahead, from the same page built again in this process while the
kernel ran; once the notebook and that rebuilding took equally long (about 3 s each here), it
saved 0,1–0,2 s a run for 3 s of a core, and the tests ran that rebuilding in every report run.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any

from hsn_analysis.dataset import Settings
from hsn_analysis.periods import Period
from hsn_analysis.report.pdf import DocumentInfo, render_pdf
from hsn_analysis.words import report_text

logger = logging.getLogger(__name__)

# A page like the report's: the same fonts and rules, so the warm-up loads what the render needs.
_WARM_UP_PAGE = (
    '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>-</title></head>'
    '<body><main class="rapport"><h2>Å</h2><p>å <strong>ä</strong> <em>ö</em></p>'
    "<table><tr><th>a</th><td>1</td></tr></table></main></body></html>"
)


def warm_up() -> Future[None]:
    """Import WeasyPrint (≈ 0,7 s) and render a small page, in a thread; the Future never
    raises a failure of the run's own: the render after the export reports it, located."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-uppvarmning")
    future = pool.submit(_warm_up)
    pool.shutdown(wait=False)
    return future


def _warm_up() -> None:
    try:
        render_pdf(_WARM_UP_PAGE, DocumentInfo(title="-", author="-", subject="-"))
    except Exception as exc:  # the run's own render says what is wrong, in its step
        logger.info("PDF-uppvärmningen misslyckades (%s: %s)", type(exc).__name__, exc)


def render(page: str, info: DocumentInfo, warming: Future[None] | None) -> tuple[bytes, float]:
    """The PDF/A of the exported `page`, once the warm-up is done, and the render's own time."""
    if warming is not None:
        warming.result()
    clock = time.perf_counter()
    pdf = render_pdf(page, info)
    return pdf, time.perf_counter() - clock


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
