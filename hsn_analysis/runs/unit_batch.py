"""Many basenheter's reports at once: `hsn-report run --period P --enhet alla --jobs N`.

The reports are made in chunks, one chunk per worker. A chunk starts one kernel and one
exporter and makes all its reports with them, clearing the kernel's namespace between reports
(`%reset -f`): the kernel's start and the imports of pandas and the library are paid once per
chunk, not once per report. Each report is published on its own (`unit_runner`), and each
finished report is told to the caller at once, whichever chunk made it: a batch of 500 reports
shows its progress from the first report on, not when a whole chunk is done.

The chunks run on a thread pool here, or on any `concurrent.futures.Executor` such as a Dask
cluster's (`distributed.Client(address).get_executor()`), whose workers must see the same
output folder. A chunk on another machine can only hand back its results when it is done, so
there chunks hold at most `REMOTE_CHUNK` reports. The index is rewritten once, at the end.
"""

from __future__ import annotations

import logging
import queue
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.reading.file_names import output_path
from hsn_analysis.report.export import report_exporter
from hsn_analysis.rules.result import TertialResult, compute_result, save_result
from hsn_analysis.runs.index import refresh_index
from hsn_analysis.runs.kernel import Kernel, skip_slow_schema_import
from hsn_analysis.runs.layout import UNIT_FOLDER
from hsn_analysis.runs.publishing import Failure, RunFailed, failure_of
from hsn_analysis.runs.unit_runner import produce_unit_report
from hsn_analysis.words.publishing import UNEXPECTED_ERROR

logger = logging.getLogger(__name__)
ALL_UNITS = "alla"
# Reports per chunk on an executor of the caller's (its results come back per chunk).
REMOTE_CHUNK = 10


@dataclass(frozen=True)
class UnitFinished:
    """One unit's report as it ended: its page, or why not (plain values, so that a result
    travels back from a Dask worker as it is)."""

    unit_id: str
    seconds: float
    html: Path | None = None
    error: str | None = None
    failure: Failure | None = None
    kept: Path | None = None  # the failure record, kept for debugging

    @property
    def busy(self) -> bool:
        """Another run of this unit's report held its lock."""
        return self.failure is Failure.BUSY

    @property
    def disk(self) -> bool:
        """Its files could not be written: the disk's or the folder's fault."""
        return self.failure is Failure.DISK


Told = Callable[[UnitFinished], None]


def make_unit_reports(
    result: TertialResult,
    unit_ids: Sequence[str],
    data: Path,
    out: Path,
    notebook: Path | None = None,
    tell: Told | None = None,
    pdf: bool = False,
) -> list[UnitFinished]:
    """One chunk: every report of `unit_ids` with one kernel and one exporter (see the module
    docstring), each with its PDF/A when `pdf`; `tell` is called with each report as it
    ends. A report that fails does not stop the others; after a failure the kernel is
    replaced, in case the failure was the kernel's. Runs in any thread or Dask worker.

    The work runs on a thread of its own: jupyter_client drives the kernel on an event loop it
    keeps in a context variable, and a Dask worker runs a task in a copy of its event loop's
    context, where that variable can name the worker's own running loop.
    """
    found: list[list[UnitFinished]] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            found.append(_make_unit_reports(result, unit_ids, data, out, notebook, tell, pdf))
        except BaseException as exc:  # handed to the caller's thread below
            failed.append(exc)

    thread = threading.Thread(target=work, name=f"enhetsrapporter-{uuid.uuid4().hex[:8]}")
    thread.start()
    thread.join()
    if failed:
        raise failed[0]
    return found[0]


def _make_unit_reports(
    result: TertialResult,
    unit_ids: Sequence[str],
    data: Path,
    out: Path,
    notebook: Path | None,
    tell: Told | None,
    pdf: bool,
) -> list[UnitFinished]:
    skip_slow_schema_import()
    exporter = report_exporter()
    stage = output_path(out, result.period.code, UNIT_FOLDER)
    stage.mkdir(parents=True, exist_ok=True)
    finished: list[UnitFinished] = []
    with tempfile.TemporaryDirectory(prefix=".data-", dir=stage) as shared:
        checked = Path(shared) / "result.pickle"  # read by each report's notebook
        save_result(result, checked)
        kernel: Kernel | None = None
        try:
            for unit_id in unit_ids:
                start = time.perf_counter()
                fresh = kernel is None
                kernel = kernel or Kernel()
                try:
                    html = produce_unit_report(
                        *(result, unit_id, data, out),
                        kernel=kernel.manager,
                        exporter=exporter,
                        checked=checked,
                        notebook=notebook,
                        fresh=fresh,
                        pdf=pdf,
                    )
                    ended = UnitFinished(unit_id, time.perf_counter() - start, html=html)
                except Exception as exc:  # reported with the others; the chunk goes on
                    # A new kernel for the next report, in case this failure was the kernel's.
                    kernel.stop()
                    kernel = None
                    ended = _failure(unit_id, time.perf_counter() - start, exc)
                finished.append(ended)
                if tell is not None:
                    tell(ended)
        finally:
            if kernel is not None:
                kernel.stop()
    return finished


def _failure(unit_id: str, seconds: float, exc: Exception) -> UnitFinished:
    failure = failure_of(exc)
    if failure is not Failure.BUG:  # a sentence that says it all, as for the board's report
        kept = exc.kept if isinstance(exc, RunFailed) else None
        return UnitFinished(unit_id, seconds, error=str(exc), failure=failure, kept=kept)
    logger.error("%s", UNEXPECTED_ERROR.format(unit=unit_id), exc_info=exc)
    return UnitFinished(unit_id, seconds, error=f"{type(exc).__name__}: {exc}", failure=failure)


def chunks(unit_ids: Sequence[str], n: int) -> list[list[str]]:
    """`unit_ids` in `n` chunks of nearly equal size (fewer when there are fewer units)."""
    n = max(1, min(n, len(unit_ids)))
    return [list(unit_ids[i::n]) for i in range(n)]


@dataclass(frozen=True)
class _ChunkEnded:
    """Told by a chunk's thread when it is done (with the fault that ended it, if any)."""

    error: BaseException | None = None


def run_unit_reports(
    dataset: Dataset,
    period: Period,
    unit_ids: Sequence[str],
    data: Path,
    out: Path,
    *,
    jobs: int = 1,
    executor: Executor | None = None,
    notebook: Path | None = None,
    on_finished: Callable[[UnitFinished, int, int], None] | None = None,
    pdf: bool = False,
) -> list[UnitFinished]:
    """Every report of `unit_ids` in `jobs` chunks on `executor` (default: a pool of `jobs`
    threads, whose kernels do the work on the cores), each with its PDF/A when `pdf`, then
    the index once. Results come in the order of `unit_ids`; `on_finished(result, n, total)`
    is called in this thread as each report ends (on an executor of the caller's: as each
    chunk's reports come back)."""
    result = compute_result(dataset, period)  # once, here; every chunk and report reads it
    done: dict[str, UnitFinished] = {}

    def note(finished: UnitFinished) -> None:
        done[finished.unit_id] = finished
        if on_finished is not None:
            on_finished(finished, len(done), len(unit_ids))

    if executor is None:
        _on_threads(result, unit_ids, data, out, jobs, notebook, note, pdf)
    else:
        parts = chunks(unit_ids, max(jobs, -(-len(unit_ids) // REMOTE_CHUNK)))
        futures = [
            executor.submit(make_unit_reports, result, part, data, out, notebook, pdf=pdf)
            for part in parts
        ]
        for future in as_completed(futures):
            for finished in future.result():
                note(finished)
    refresh_index(out)
    return [done[u] for u in unit_ids]


def _on_threads(
    result: TertialResult,
    unit_ids: Sequence[str],
    data: Path,
    out: Path,
    jobs: int,
    notebook: Path | None,
    note: Told,
    pdf: bool,
) -> None:
    """The chunks on a pool of threads, each report handed to `note` in this thread as it ends."""
    parts = chunks(unit_ids, jobs)
    told: queue.SimpleQueue[UnitFinished | _ChunkEnded] = queue.SimpleQueue()

    def chunk(part: list[str]) -> None:
        try:
            make_unit_reports(result, part, data, out, notebook, told.put, pdf)
        except BaseException as exc:  # raised in the caller's thread
            told.put(_ChunkEnded(exc))
        else:
            told.put(_ChunkEnded())

    with ThreadPoolExecutor(len(parts), "enhet") as pool:
        for part in parts:
            pool.submit(chunk, part)
        ended = 0
        while ended < len(parts):
            item = told.get()
            if isinstance(item, UnitFinished):
                note(item)
                continue
            ended += 1
            if item.error is not None:
                raise item.error
