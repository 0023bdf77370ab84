"""A published report as the mail and the index find it: the HTML and its run record.

Only a report whose latest run succeeded, and whose file is the one its run wrote, counts as
published: a run that failed is never mailed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hsn_analysis.periods import Period
from hsn_analysis.runs.attempts import unfinished_run
from hsn_analysis.runs.layout import ReportFiles, published_files
from hsn_analysis.words import publishing as words
from hsn_analysis.words.safeguards import MSG_DEAD_RUN_SEND, UNKNOWN


class NotPublished(Exception):
    """There is no good report of the period to hand out."""


class LatestRunFailed(NotPublished):
    """The period's latest run failed after its last good report."""


@dataclass(frozen=True)
class PublishedReport:
    """One period's current report, checked against its run record."""

    period: Period
    html: Path
    record: dict[str, Any]
    unit: str | None = None  # the basenhet whose report it is; None for the board's

    @property
    def folder(self) -> Path:
        """The report's output folder."""
        return self.html.parent

    @property
    def files(self) -> ReportFiles:
        """Every file of the report (its mail log, its .eml, its lock …)."""
        made_pdf = self.unit is None or bool(self.record.get("pdf_sha256"))
        return ReportFiles(self.period, self.unit, self.folder, with_pdf=made_pdf)

    def read_html(self) -> bytes:
        """The report file's bytes."""
        return self.html.read_bytes()

    @property
    def pdf(self) -> Path:
        """The report's PDF/A beside its HTML."""
        return self.html.with_suffix(".pdf")

    def read_pdf(self) -> bytes:
        """The PDF/A's bytes, checked against the run record; NotPublished if it is missing (a
        report run before there were PDFs) or is not the file its run wrote."""
        try:
            data = self.pdf.read_bytes()
        except OSError as exc:
            raise NotPublished(words.PDF_MISSING.format(pdf=self.pdf.name)) from exc
        if self.record.get("pdf_sha256") != hashlib.sha256(data).hexdigest():
            raise NotPublished(
                words.NOT_THE_RUNS_FILE.format(file=self.pdf.name, record=words.THE_RECORD)
            )
        return data


def latest_run_failed(files: ReportFiles) -> bool:
    """Whether a report's latest run failed: its failure record is at least as new as the
    report (or there is no report)."""
    failed, html = files.failed, files.html
    try:
        return failed.exists() and (
            not html.exists() or failed.stat().st_mtime >= html.stat().st_mtime
        )
    except OSError:  # replaced while looked at: the next look decides
        return False


def published_report(out: Path, period: Period, unit: str | None = None) -> PublishedReport:
    """The current report of `period` in `out` (the board's, or `unit`'s).

    Raises NotPublished when there is none or it is not the file its run wrote, and
    LatestRunFailed when a later run of the report failed (its failure record is still there)
    or never finished (its start marker is still there). Call with the report's lock held.
    """
    files = published_files(out, period, unit)
    html, record_path, failed = files.html, files.record, files.failed
    if not html.exists():
        raise NotPublished(words.NO_REPORT.format(label=files.label, folder=html.parent))
    # The caller (sending) holds the report's lock: a run marked as started is a dead one.
    if (note := unfinished_run(html, lock_held=True)) is not None:
        started = note.get("startad", UNKNOWN)
        raise LatestRunFailed(MSG_DEAD_RUN_SEND.format(period=files.label, started=started))
    if latest_run_failed(files):
        raise LatestRunFailed(words.LATEST_RUN_FAILED.format(label=files.label, failed=failed))
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NotPublished(words.RECORD_UNREADABLE.format(record=record_path)) from exc
    expected = record.get("html_sha256")
    actual = hashlib.sha256(html.read_bytes()).hexdigest()
    if expected != actual:
        raise NotPublished(words.NOT_THE_RUNS_FILE.format(file=html.name, record=record_path.name))
    return PublishedReport(period, html, record, unit)
