"""Where a run puts its files in the output folder (`outputs/` by default).

outputs/index.html                            the list of every report (index)
outputs/2025-T2/uppfoljning-2025-T2.html      the current report of the period
outputs/2025-T2/uppfoljning-2025-T2.pdf       the same report as PDF/A, for the diarium
outputs/2025-T2/uppfoljning-2025-T2.ipynb     its executed notebook (audit)
outputs/2025-T2/uppfoljning-2025-T2.json      its run record
outputs/2025-T2/uppfoljning-2025-T2.MISSLYCKAD.ipynb   a failed later run, kept for debugging
outputs/2025-T2/uppfoljning-2025-T2.PAGAR.json         a run that has started and not ended
outputs/2025-T2/uppfoljning-2025-T2.eml       a mail written by `send --dry-run`
outputs/2025-T2/utskick-2025-T2.json          what was mailed to whom and when
outputs/2025-T2/.korning.lock                 the lock: one run or sending at a time
outputs/2025-T2/tidigare/uppfoljning-2025-T2.2025-09-05T060012.html (.pdf, .ipynb, .json)
                                              replaced reports, named by their run time
outputs/2025-T2/enheter/PV01/uppfoljning-2025-T2-PV01.html (.ipynb, .json, .MISSLYCKAD.ipynb,
                                              .PAGAR.json, .korning.lock, tidigare/)
                                              a basenhet's own report (`hsn-report run --enhet`)
outputs/2025-T2/enheter/PV01/uppfoljning-2025-T2-PV01.pdf   its PDF/A, when the run was asked
                                              for one (`--pdf`)

Every path is built by `published_files`, through `reading.file_names.output_path`: a unit id
that could name anything but one folder inside the output folder is refused before any write.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hsn_analysis.periods import Period
from hsn_analysis.reading.file_names import output_path
from hsn_analysis.runs.attempts import marker_path
from hsn_analysis.runs.locking import LOCK_NAME

INDEX_NAME = "index.html"
FAILED_SUFFIX = ".MISSLYCKAD.ipynb"
BACKUP_FOLDER = "tidigare"
UNIT_FOLDER = "enheter"
STEM = "uppfoljning"
# A replaced report is named by its own run time: fixed width, so names sort by time.
BACKUP_STAMP = "%Y-%m-%dT%H%M%S"


@dataclass(frozen=True)
class ReportFiles:
    """The files of one report: the board's report of a period (`unit` None) or one unit's.

    Both are published, locked, marked and backed up alike (`publishing`). The board's report
    always has a PDF/A; a unit's has one when its run makes it (`with_pdf`), else `pdf` is None.
    """

    period: Period
    unit: str | None
    folder: Path
    with_pdf: bool

    @property
    def stem(self) -> str:
        """`uppfoljning-2025-T2` or `uppfoljning-2025-T2-PV01`."""
        unit = f"-{self.unit}" if self.unit is not None else ""
        return f"{STEM}-{self.period.code}{unit}"

    @property
    def html(self) -> Path:
        """The report; published last, so whoever sees it finds the files beside it."""
        return self.folder / f"{self.stem}.html"

    @property
    def pdf(self) -> Path | None:
        """The report as PDF/A, when this run makes one."""
        return self.folder / f"{self.stem}.pdf" if self.with_pdf else None

    @property
    def leftovers(self) -> tuple[Path, ...]:
        """Files an earlier run of the report may have published that this run does not make:
        a unit's PDF from a run with `--pdf`. Publishing keeps them in `tidigare/` with the
        rest of the replaced report and removes them, so that no file beside the report is
        older than it."""
        return () if self.with_pdf else (self.folder / f"{self.stem}.pdf",)

    @property
    def notebook(self) -> Path:
        """The executed notebook, kept for audit."""
        return self.folder / f"{self.stem}.ipynb"

    @property
    def record(self) -> Path:
        """The run record (JSON)."""
        return self.folder / f"{self.stem}.json"

    @property
    def failed(self) -> Path:
        """The failure record: the notebook of a failed run, kept for debugging."""
        return self.folder / f"{self.stem}{FAILED_SUFFIX}"

    @property
    def marker(self) -> Path:
        """The unfinished-run marker (`attempts`)."""
        return marker_path(self.html)

    @property
    def lock(self) -> Path:
        """The lock file: one run (or sending) of this report at a time."""
        return self.folder / LOCK_NAME

    @property
    def backups(self) -> Path:
        """The folder of replaced reports."""
        return self.folder / BACKUP_FOLDER

    @property
    def eml(self) -> Path:
        """A mail written instead of sent (`send --dry-run`)."""
        return self.folder / f"{self.stem}.eml"

    @property
    def mail_log(self) -> Path:
        """What was mailed to whom and when."""
        return self.folder / f"utskick-{self.stem.removeprefix(STEM + '-')}.json"

    @property
    def published(self) -> tuple[Path, ...]:
        """The files a run publishes, in the order they are moved into place (HTML last)."""
        return (self.notebook, self.record, *([self.pdf] if self.pdf else []), self.html)

    @property
    def label(self) -> str:
        """The report as messages name it: `2025-T2`, or `2025-T2 PV01` for a unit's."""
        return self.period.code if self.unit is None else f"{self.period.code} {self.unit}"


def published_files(
    out: Path, period: Period, unit: str | None = None, *, pdf: bool = False
) -> ReportFiles:
    """The files of the board's report of `period` in `out` (`out/2025-T2/uppfoljning-2025-T2.html`
    …, always with its PDF/A), or of `unit`'s report (`out/2025-T2/enheter/PV01/
    uppfoljning-2025-T2-PV01.html` …, with its PDF/A when `pdf`).

    UnsafeOutputPath if `unit` could name anything but one folder inside `out` (checked before
    anything is written, whatever validation did).
    """
    if unit is None:
        return ReportFiles(period, None, output_path(out, period.code), with_pdf=True)
    folder = output_path(out, period.code, UNIT_FOLDER, unit)
    return ReportFiles(period, unit, folder, with_pdf=pdf)
