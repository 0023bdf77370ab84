"""One publishing path for every report, the board's and each unit's (`layout.ReportFiles`).

A run holds its report's lock (`locking`) from start to end, so that one run of a report goes
at a time. Holding it, it first says so if the report's previous run died unfinished and
removes that run's working folders, then marks itself as started (`attempts`): from here until
its report or its failure is recorded, the run counts as unfinished however it ends. It works
in a hidden folder beside the report. Nothing is published until every step has succeeded;
then the current report is kept in `tidigare/` under the time of its own run (hard links: at no
moment is there no report) and the new files replace the old with `os.replace`, HTML last. A
step that fails keeps the run's notebook as the failure record `….MISSLYCKAD.ipynb` (the
notebook that was to run, with the error on top, when the run had none to keep) and publishes
nothing: the previous good report stays whole. A file-system failure (full disk, no rights)
is `OutputFailed`; anything else is a fault of the program and leaves the run unfinished.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from hsn_analysis.reading.file_names import UnsafeOutputPath
from hsn_analysis.runs.attempts import (
    WORK_PREFIX,
    mark_finished,
    mark_started,
    remove_dead_work,
    unfinished_run,
)
from hsn_analysis.runs.layout import BACKUP_STAMP, ReportFiles
from hsn_analysis.runs.locking import LockBusy, period_lock
from hsn_analysis.runs.notebook import CELL_TIMEOUT_S, NotebookFailed, execute_notebook
from hsn_analysis.words.publishing import FAILED_RECORD_NOTE, FAILED_RECORD_UNSAVED
from hsn_analysis.words.safeguards import (
    FS_RUN_KEPT,
    MSG_DEAD_RUN,
    STEP_FILES,
    UNKNOWN,
    file_system_sentence,
    is_file_system_failure,
)

logger = logging.getLogger(__name__)


class RunFailed(Exception):
    """A report run that stopped; `step` names where (notebook, export, pdf) and `kept` is its
    failure record."""

    def __init__(self, step: str, message: str, kept: Path | None = None) -> None:
        self.step = step
        self.kept = kept
        super().__init__(f"steget {step} misslyckades: {message}")


class OutputFailed(Exception):
    """The run's files could not be written (a read-only folder, a full disk, a file where a
    folder belongs); nothing was published."""

    def __init__(self, error: OSError) -> None:
        self.error = error
        what = file_system_sentence(error)
        super().__init__(FS_RUN_KEPT.format(step=STEP_FILES, what=what))


class Failure(StrEnum):
    """Why a report was not published, as the exit code tells it."""

    BUSY = "busy"  # another run held its lock (exit 5)
    RUN = "run"  # a step failed or the kernel died; its failure is recorded (exit 3)
    DISK = "disk"  # its files could not be written (exit 8)
    BUG = "bug"  # a fault of the program (exit 9)


def failure_of(error: BaseException) -> Failure:
    """The kind of `error`, raised by a report's run. A refused unsafe path is the run's
    failure: it names the id, and validation refuses such ids before any run."""
    if isinstance(error, LockBusy):
        return Failure.BUSY
    if isinstance(error, RunFailed | UnsafeOutputPath):
        return Failure.RUN
    if isinstance(error, OutputFailed):
        return Failure.DISK
    return Failure.BUG


def worst(failures: Iterable[Failure]) -> Failure | None:
    """What a batch's failures come to: a bug if any, busy or disk if every one was, else a
    failed run; None without failures."""
    found = set(failures)
    if not found:
        return None
    if Failure.BUG in found:
        return Failure.BUG
    if len(found) == 1:
        return found.pop()
    return Failure.RUN


@dataclass(frozen=True)
class Attempt:
    """One run of a report, between taking its lock and publishing (see `attempt`)."""

    files: ReportFiles
    work: Path  # the hidden working folder beside the report
    started: datetime

    def staged(self, final: Path) -> Path:
        """Where the run writes `final` (one of `files.published`) before it is published."""
        return self.work / final.name

    def run_notebook(
        self,
        notebook: Path,
        parameters: dict[str, Any],
        kernel: Any,
        *,
        timeout: int = CELL_TIMEOUT_S,
    ) -> Any:
        """Execute `notebook` in `kernel` into the working folder; RunFailed (its failure
        recorded) if a cell fails or the kernel dies."""
        try:
            return execute_notebook(
                notebook,
                self.staged(self.files.notebook),
                parameters,
                kernel=kernel,
                timeout=timeout,
            )
        except NotebookFailed as exc:
            raise self.failed("notebook", str(exc), notebook) from exc

    def failed(self, step: str, error: str, notebook: Path) -> RunFailed:
        """Record the failure of `step` and return the RunFailed to raise: the run's executed
        notebook with the error on top, or `notebook` (the one that was to run) without
        outputs when the run has none."""
        import nbformat

        executed = self.staged(self.files.notebook)
        note = FAILED_RECORD_NOTE.format(
            started=self.started.isoformat(timespec="seconds"), error=f"steget {step}: {error}"
        )
        try:
            record = nbformat.read(executed, as_version=4)
        except (OSError, ValueError):  # none, or cut short by the kernel's death
            record = nbformat.read(notebook, as_version=4)
            note += FAILED_RECORD_UNSAVED
        record.cells.insert(0, nbformat.v4.new_markdown_cell(note))
        staged = self.work / f"misslyckad{self.files.failed.suffix}"
        nbformat.write(record, staged)
        os.replace(staged, self.files.failed)
        return RunFailed(step, error, self.files.failed)

    def publish(self) -> None:
        """Keep the current report in `tidigare/`, move the staged files into place, remove
        what the new report does not have (`ReportFiles.leftovers`, kept in `tidigare/`) and
        drop an earlier failure record (this run supersedes it)."""
        backup = _back_up(self.files)
        if backup is not None:
            logger.info("Den tidigare rapporten sparas som %s", backup)
        move_into_place(self.work, self.files, backup)
        for leftover in self.files.leftovers if backup is not None else ():
            leftover.unlink(missing_ok=True)  # kept in tidigare/ with the report it belonged to
        self.files.failed.unlink(missing_ok=True)


@contextmanager
def attempt(files: ReportFiles, purpose: str, started: datetime) -> Iterator[Attempt]:
    """Hold the report's lock and its unfinished-run marker for the block, in a fresh working
    folder removed after; see the module docstring.

    LockBusy if another run holds the lock; RunFailed from the block passes through (the run
    is finished: its failure is recorded); a file-system failure becomes OutputFailed.
    """
    try:
        with period_lock(files.folder, purpose):
            _forget_dead_run(files)
            mark_started(files.html, started)
            # Same folder as the report, so that publishing is a rename on one file system.
            work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=files.folder))
            try:
                yield Attempt(files, work, started)
            except RunFailed:
                mark_finished(files.html)
                raise
            finally:
                shutil.rmtree(work, ignore_errors=True)
            mark_finished(files.html)
    except OSError as exc:
        if not is_file_system_failure(exc):  # the program's own fault: not the disk's
            raise
        raise OutputFailed(exc) from exc


def _forget_dead_run(files: ReportFiles) -> None:
    """Say so when the report's previous run died unfinished, and remove its working folders
    (the lock is held: no living run has one)."""
    note = unfinished_run(files.html, lock_held=True)
    if note is not None:
        logger.warning(
            "%s",
            MSG_DEAD_RUN.format(
                period=files.label,
                started=note.get("startad", UNKNOWN),
                pid=note.get("pid", UNKNOWN),
                host=note.get("dator", UNKNOWN),
            ),
        )
    for work in remove_dead_work(files.folder):
        logger.info("Tog bort arbetsmappen %s", work)


def move_into_place(work: Path, files: ReportFiles, backup: Path | None) -> None:
    """Move the published files from `work` over the report's current ones, HTML last.

    Renames within one folder do not fail for want of space or rights that the run already had,
    but should one fail anyway, the files already moved are put back as they were (from the
    hard links of `backup`, the replaced report in `tidigare/`, or removed when there was none),
    so that the folder never holds a new notebook or record beside an old report.
    """
    moved: list[Path] = []
    try:
        for target in files.published:
            os.replace(work / target.name, target)
            moved.append(target)
    except OSError:
        for target in moved:
            earlier = backup.with_suffix(target.suffix) if backup else None
            if earlier is not None and earlier.exists():
                shutil.copy2(earlier, work / "tillbaka")
                os.replace(work / "tillbaka", target)
            else:
                target.unlink(missing_ok=True)
        raise


def _backup_stamp(files: ReportFiles) -> str:
    """`2025-09-05T060012`: when the current report was run, from its record (else the file)."""
    try:
        record = json.loads(files.record.read_text(encoding="utf-8"))
        started = datetime.fromisoformat(record["startad"])
    except (OSError, ValueError, KeyError, TypeError):
        started = datetime.fromtimestamp(files.html.stat().st_mtime).astimezone()
    return started.strftime(BACKUP_STAMP)


def _back_up(files: ReportFiles) -> Path | None:
    """Keep the current report in `tidigare/` before it is replaced; returns its HTML there.

    Hard links, so the current files stay in place until the new ones replace them: at no moment
    is the report missing.
    """
    if not files.html.exists():
        return None
    folder = files.backups
    folder.mkdir(exist_ok=True)
    stamp = _backup_stamp(files)
    stem, n = f"{files.stem}.{stamp}", 1
    while (folder / f"{stem}.html").exists():  # two runs within one second
        n += 1
        stem = f"{files.stem}.{stamp}-{n}"
    for source in (*files.published, *files.leftovers):
        if source.exists():
            target = folder / f"{stem}{source.suffix}"
            try:
                os.link(source, target)
            except OSError:  # a file system without hard links
                shutil.copy2(source, target)
    return folder / f"{stem}.html"
