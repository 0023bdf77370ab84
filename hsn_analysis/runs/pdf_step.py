"""The run's PDF step, rendered ahead: while the kernel runs the notebook, this process (idle
otherwise) builds the same page from the same checked data and renders its PDF/A.

The notebook is replayed here only when it is what the report notebook is: its parameters, the
`prepare` cell and one `report.<section>(r)` call per cell. The page built here is then compared
with the page exported from the executed notebook, character for character; only an identical
page's PDF is used. Any difference (or a notebook of another shape) and the PDF is rendered from
the exported page after all, as it would be without this step: never a PDF of other content.
"""

from __future__ import annotations

import logging
import re
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hsn_analysis.dataset import Settings
from hsn_analysis.periods import Period
from hsn_analysis.report.pdf import DocumentInfo, import_weasyprint, render_pdf
from hsn_analysis.words import report_text

logger = logging.getLogger(__name__)

_PREPARE = re.compile(
    r"from hsn_analysis\.report import sections as report\s+"
    r"r = report\.prepare\(period, data, run_started, checked\)"
)
_SECTION = re.compile(r"report\.(?P<name>[a-z_]+_sections?)\(r\)")
# A page like the report's: the same fonts and rules, so the warm-up loads what the render needs.
_WARM_UP_PAGE = (
    '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>-</title></head>'
    '<body><main class="rapport"><h2>Å</h2><p>å <strong>ä</strong> <em>ö</em></p>'
    "<table><tr><th>a</th><td>1</td></tr></table></main></body></html>"
)


@dataclass(frozen=True)
class Ahead:
    """A page built in this process and its PDF/A, ready if the exported page is the same."""

    page: str
    pdf: bytes
    seconds: float  # the render's own time


@dataclass(frozen=True)
class PdfResult:
    """The PDF/A of the run, whether it was the one made ahead, and how long rendering took."""

    pdf: bytes
    ahead: bool
    render_s: float


def start_ahead(
    notebook: Path, parameters: dict[str, str], title: str, info: DocumentInfo
) -> Future[Ahead | None]:
    """Build the page of `notebook` with `parameters` here and render its PDF, in a thread.

    The Future gives None when the notebook cannot be replayed (WeasyPrint is then only warmed);
    it never raises: a failure here is no failure of the run, whose own steps decide.
    """
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-i-forvag")
    future = pool.submit(_ahead, notebook, parameters, title, info)
    pool.shutdown(wait=False)
    return future


def pdf_of(page: str, info: DocumentInfo, ahead: Future[Ahead | None] | None) -> PdfResult:
    """The PDF/A of the exported `page`: the one rendered ahead if its page is identical."""
    ready = None
    if ahead is not None:
        try:
            ready = ahead.result()
        except Exception as exc:  # reported again, located, by the render below if it matters
            logger.info("PDF:en kunde inte göras i förväg (%s: %s)", type(exc).__name__, exc)
    if ready is not None and ready.page == page:
        return PdfResult(ready.pdf, True, ready.seconds)
    if ready is not None:
        logger.info("Sidan i förväg skilde sig från den exporterade; PDF:en görs om från den")
    clock = time.perf_counter()
    pdf = render_pdf(page, info)
    return PdfResult(pdf, False, time.perf_counter() - clock)


def _ahead(notebook: Path, parameters: dict[str, str], title: str, info: DocumentInfo) -> Any:
    import_weasyprint()
    page = _replayed_page(notebook, parameters, title)
    if page is None:
        render_pdf(_WARM_UP_PAGE, DocumentInfo(title="-", author="-", subject="-"))
        return None
    clock = time.perf_counter()
    pdf = render_pdf(page, info)
    return Ahead(page, pdf, time.perf_counter() - clock)


def _replayed_page(notebook: Path, parameters: dict[str, str], title: str) -> str | None:
    """The page the exporter makes of `notebook` run with `parameters`, built in this process;
    None if the notebook is not made only of the known cells."""
    import nbformat

    from hsn_analysis.report import sections
    from hsn_analysis.report.export import export_html, report_exporter

    nb = nbformat.read(notebook, as_version=4)
    calls: list[tuple[Any, str]] = []
    for cell in nb.cells:
        source = cell.source.strip()
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        section = _SECTION.fullmatch(source)
        if section and section["name"] in sections.__all__:
            calls.append((cell, section["name"]))
        elif not _PREPARE.fullmatch(source):
            return None
    r = sections.prepare(
        parameters["period"], parameters["data"], parameters["run_started"], parameters["checked"]
    )
    for count, (cell, name) in enumerate(calls, start=1):
        fragment = getattr(sections, name)(r)
        data = {"text/html": fragment._repr_html_(), "text/plain": repr(fragment)}
        cell.outputs = [nbformat.v4.new_output("execute_result", data, execution_count=count)]
    return str(export_html(nb, title, report_exporter()))


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
