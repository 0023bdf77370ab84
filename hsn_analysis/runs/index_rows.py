"""What the report index lists: each period folder's reports (the current one, those it
replaced, a failed or unfinished run) with their run records and sendings, newest first.

It only stats files and reads the small run records and mail logs. Whatever it finds unreadable
still gets a row: a report is never silently missing from the list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from hsn_analysis.periods import Period
from hsn_analysis.runs.attempts import unfinished_run
from hsn_analysis.runs.layout import BACKUP_STAMP, published_files
from hsn_analysis.runs.published import latest_run_failed
from hsn_analysis.words import labels
from hsn_analysis.words.report_text import TIME_ZONE
from hsn_analysis.words.safeguards import INDEX_UNFINISHED_NOTE

_PERIOD_FOLDER = re.compile(r"^(\d{4})-T([1-3])$")
_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{6})(?:-(\d+))?$")


@dataclass
class IndexRow:
    """One line of the table: a report (current or replaced) or a failed run."""

    state: str  # current, replaced, failed
    file: Path
    file_time: datetime
    record: dict[str, Any] | None = None
    note: str | None = None  # why the record is missing, or what a failure left
    href: str = ""
    pdf_href: str = ""  # the same report's PDF/A beside it, when there is one
    mail: list[str] = field(default_factory=list)


def format_time(moment: datetime) -> str:
    """`5 september 2025 kl. 06:00` in Swedish time (a time without zone is taken as local)."""
    local = moment.astimezone(ZoneInfo(TIME_ZONE))
    month, time = labels.MONTH_NAMES[local.month - 1], local.strftime("%H:%M")
    return labels.INDEX_TIME.format(day=local.day, month=month, year=local.year, time=time)


def time_text(value: object) -> str | None:
    """A time or recorded ISO text in Swedish; None when missing or unreadable."""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return format_time(moment)
    except (ValueError, OverflowError, OSError):  # also year 1 or 9999 shifted out of range
        return None


def scan(out: Path) -> list[tuple[Period, list[IndexRow]]]:
    """Every period folder with rows, newest period first."""
    periods = []
    for entry in out.iterdir():
        match = _PERIOD_FOLDER.match(entry.name)
        if match and entry.is_dir() and 1900 <= int(match.group(1)) <= 2999:
            periods.append(Period(int(match.group(1)), int(match.group(2))))
    found = [(period, _period_rows(out, period)) for period in sorted(periods, reverse=True)]
    return [(period, rows) for period, rows in found if rows]


def _period_rows(out: Path, period: Period) -> list[IndexRow]:
    """A failed newer run, the current report, then replaced reports newest first."""
    files = published_files(out, period)
    rows: list[IndexRow] = []
    current = _report_row(files.html)
    failed_time = _file_time(files.failed)
    if failed_time and latest_run_failed(files):
        note = labels.INDEX_FAILED_NOTE if current else None  # it names the current report
        rows.append(IndexRow("failed", files.failed, failed_time, note=note))
    if unfinished_run(files.html) is not None and (marker_time := _file_time(files.marker)):
        rows.insert(0, IndexRow("failed", files.marker, marker_time, note=INDEX_UNFINISHED_NOTE))
    if current:
        rows.append(current)
    rows += _replaced(files.backups, f"{files.stem}.")
    sendings, problem = _sendings(files.mail_log)
    for row in rows:
        row.href = quote(row.file.relative_to(out).as_posix())
        if row.state == "failed":
            continue
        pdf = row.file.with_suffix(".pdf")
        if pdf.is_file():  # a secretary files the PDF: it is linked beside the page
            row.pdf_href = quote(pdf.relative_to(out).as_posix())
        sha = (row.record or {}).get("html_sha256")
        row.mail = sendings.get(sha, []) if isinstance(sha, str) else []
        if problem:
            row.mail = [*row.mail, problem]
    return rows


def _replaced(folder: Path, prefix: str) -> list[IndexRow]:
    if not folder.is_dir():  # no report replaced yet
        return []
    files = [f for f in folder.iterdir() if f.name.startswith(prefix) and f.suffix == ".html"]
    rows = [row for file in files if (row := _report_row(file, "replaced"))]

    def newest(row: IndexRow) -> tuple[str, int]:
        # The stamp is the run time, fixed width, so it sorts as text; `-2` is a second run
        # within the same second. A renamed file sorts by its file time.
        stamp = _STAMP.match(row.file.name[len(prefix) : -len(".html")])
        if stamp:
            return stamp.group(1), int(stamp.group(2) or 1)
        return row.file_time.astimezone().strftime(BACKUP_STAMP), 0

    return sorted(rows, key=newest, reverse=True)


def _report_row(file: Path, state: str = "current") -> IndexRow | None:
    if (time := _file_time(file)) is None:
        return None
    data, problem = _read_json(file.with_suffix(".json"))
    if problem is None and not isinstance(data, dict):
        problem = labels.INDEX_RECORD_UNREADABLE
    return IndexRow(state, file, time, None if problem else data, problem)


def _file_time(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC) if path.is_file() else None
    except (OSError, OverflowError, ValueError):  # replaced since listed, or an absurd mtime
        return None


def _read_json(path: Path) -> tuple[Any, str | None]:
    """The parsed file, or None and why not (a label)."""
    try:
        # utf-8-sig: a record saved again by a Windows editor starts with a BOM.
        return json.loads(path.read_text(encoding="utf-8-sig")), None
    except FileNotFoundError:
        return None, labels.INDEX_RECORD_MISSING
    except (OSError, ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return None, labels.INDEX_RECORD_UNREADABLE


def _sendings(path: Path) -> tuple[dict[str, list[str]], str | None]:
    """The mail log as texts per report sha256, and a problem note if it cannot be read."""
    if not path.exists():
        return {}, None
    data, problem = _read_json(path)
    if problem or not isinstance(data, list):
        return {}, labels.INDEX_MAIL_LOG_UNREADABLE
    by_sha: dict[str, list[str]] = {}
    for entry in data:
        if isinstance(entry, dict) and isinstance(entry.get("rapport_sha256"), str):
            by_sha.setdefault(entry["rapport_sha256"], []).append(_sending_text(entry))
    return by_sha, None


def _sending_text(entry: dict[str, Any]) -> str:
    # No-break spaces keep the time on one line in the narrow column.
    when = (time_text(entry.get("skickat")) or labels.INDEX_MISSING).replace(" ", "\u00a0")
    if entry.get("fel"):
        return labels.INDEX_SEND_FAILED.format(when=when, error=entry["fel"])
    given = entry.get("mottagare")
    recipients = [r for r in given if isinstance(r, dict)] if isinstance(given, list) else []
    by_result: dict[object, list[str]] = {}
    for r in recipients:
        by_result.setdefault(r.get("resultat"), []).append(str(r.get("adress")))
    delivered = len(by_result.pop("levererad", []))
    if not by_result:
        return labels.INDEX_SENT.format(when=when, n=delivered)
    total = len(recipients)
    parts = [labels.INDEX_SENT_PARTLY.format(when=when, delivered=delivered, total=total)]
    if refused := by_result.pop("nekad", None):
        parts.append(labels.INDEX_SENT_REFUSED.format(addresses=", ".join(refused)))
    if by_result:  # ej_skickad, or a result this version does not know
        unsent = [address for addresses in by_result.values() for address in addresses]
        parts.append(labels.INDEX_SENT_NOT_SENT.format(addresses=", ".join(unsent)))
    return "; ".join(parts)
