"""Where a run puts its files in the output folder (`outputs/` by default).

outputs/index.html                            the list of every report (index)
outputs/2025-T2/uppfoljning-2025-T2.html      the current report of the period
outputs/2025-T2/uppfoljning-2025-T2.pdf      the same report as PDF/A, for the diarium
outputs/2025-T2/uppfoljning-2025-T2.ipynb     its executed notebook (audit)
outputs/2025-T2/uppfoljning-2025-T2.json      its run record
outputs/2025-T2/uppfoljning-2025-T2.MISSLYCKAD.ipynb   a failed later run, kept for debugging
outputs/2025-T2/uppfoljning-2025-T2.eml       a mail written by `send --dry-run`
outputs/2025-T2/utskick-2025-T2.json          what was mailed to whom and when
outputs/2025-T2/tidigare/uppfoljning-2025-T2.2025-09-05T060012.html (.pdf, .ipynb, .json)
                                              replaced reports, named by their run time
outputs/2025-T2/enheter/PV01/uppfoljning-2025-T2-PV01.html (.ipynb, .json, tidigare/)
                                              a basenhet's own report (`hsn-report run --enhet`)
"""

from __future__ import annotations

from pathlib import Path

from hsn_analysis.periods import Period
from hsn_analysis.reading.file_names import output_path

INDEX_NAME = "index.html"
FAILED_SUFFIX = ".MISSLYCKAD.ipynb"
BACKUP_FOLDER = "tidigare"
# A replaced report is named by its own run time: fixed width, so names sort by time.
BACKUP_STAMP = "%Y-%m-%dT%H%M%S"


def report_paths(out: Path, period: Period) -> dict[str, Path]:
    """The files of one period: html, pdf, notebook, record, failed, eml, mail_log; `backups` is the
    folder of replaced reports."""
    folder = output_path(out, period.code)
    stem = f"uppfoljning-{period.code}"
    return {
        "html": folder / f"{stem}.html",
        "pdf": folder / f"{stem}.pdf",
        "notebook": folder / f"{stem}.ipynb",
        "record": folder / f"{stem}.json",
        "failed": folder / f"{stem}{FAILED_SUFFIX}",
        "eml": folder / f"{stem}.eml",
        "mail_log": folder / f"utskick-{period.code}.json",
        "backups": folder / BACKUP_FOLDER,
    }


UNIT_FOLDER = "enheter"


def unit_report_paths(out: Path, period: Period, unit_id: str) -> dict[str, Path]:
    """The files of one unit's report of `period`, as `report_paths` has them for the board:
    `out/2025-T2/enheter/PV01/uppfoljning-2025-T2-PV01.html` and beside it the notebook,
    record, failed notebook and `tidigare/`."""
    folder = output_path(out, period.code, UNIT_FOLDER, unit_id)  # UnsafeOutputPath if it is not
    stem = f"uppfoljning-{period.code}-{unit_id}"
    return {
        "html": folder / f"{stem}.html",
        "notebook": folder / f"{stem}.ipynb",
        "record": folder / f"{stem}.json",
        "failed": folder / f"{stem}{FAILED_SUFFIX}",
        "backups": folder / BACKUP_FOLDER,
    }
