"""The list of every report in the output folder: `outputs/index.html` (see `layout`).

Rewritten by the runner after each published report and by the mail command after a sending, so
it only stats files and reads the small run records and mail logs, and imports nothing heavy
(no pandas or matplotlib). Whatever it finds unreadable still gets a row: a report is never
silently missing from the list.
"""

from __future__ import annotations

import logging
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from hsn_analysis.reading.file_names import output_path
from hsn_analysis.runs.index_page import page
from hsn_analysis.runs.index_rows import scan
from hsn_analysis.runs.layout import INDEX_NAME
from hsn_analysis.runs.locking import exclusive
from hsn_analysis.runs.unit_index import unit_listing

LOCK_NAME = ".index.lock"
logger = logging.getLogger(__name__)


def write_index(out: Path, *, now: datetime | None = None) -> Path:
    """Write `out/index.html`, the list of every report, and return its path.

    Two runs may finish at once, so the scan and the write share one lock; the page is written
    beside its place and renamed, so a reader never sees half a page.
    """
    target = output_path(out, INDEX_NAME)
    with exclusive(out / LOCK_NAME, "rapportindex", wait=True):
        text = page(scan(out), now or datetime.now(UTC), unit_listing(out))
        # Under the lock, a leftover temp file can only be from a writer that was killed.
        for stale in out.glob(f".{INDEX_NAME}.*.tmp"):
            stale.unlink(missing_ok=True)
        temp = out / f".{INDEX_NAME}.{secrets.token_hex(6)}.tmp"
        try:
            # os.open with 0o666 lets the umask decide, as for the reports (mkstemp gives 0600).
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "wb") as handle:
                # "replace": a record may hold a lone surrogate (valid JSON, invalid UTF-8).
                handle.write(text.encode("utf-8", "replace"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
    return target


def refresh_index(out: Path) -> None:
    """`write_index`, for callers whose own work is already done: a failure is logged, not
    raised, because the reports and the mail it would list are whole without it."""
    try:
        write_index(out)
    except OSError as exc:
        logger.error("Rapportindex kunde inte skrivas (%s).", exc)
