"""Basenheternas rapporter: `hsn-report run --period P --enhet ID` (or `--enhet alla`).

Each unit's report is published as the board's is (`runner`): the notebook runs in a working
folder beside the report, nothing is moved into place before every step has succeeded, a
replaced report is kept in `tidigare/`, a failed notebook as `…MISSLYCKAD.ipynb`, and one run of
a unit's report at a time (its folder's lock).

Many reports are made in chunks, one chunk per worker. A chunk starts one kernel and one
exporter and makes all its reports with them, clearing the kernel's namespace between reports
(`%reset -f`): the kernel's start and the imports of pandas and the library are paid once per
chunk, not once per report. The chunks run on any `concurrent.futures.Executor`: a thread pool
here, or a Dask cluster's (`distributed.Client(address).get_executor()`), whose workers must see
the same output folder. The index is rewritten once, when every chunk is done.
"""

from __future__ import annotations

import json
import logging
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from hsn_analysis import paths
from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.reading.file_names import output_path
from hsn_analysis.report.context import package_versions
from hsn_analysis.report.export import export_html, report_exporter
from hsn_analysis.rules.result import TertialResult, compute_result, save_result
from hsn_analysis.runs.index import refresh_index
from hsn_analysis.runs.kernel import Kernel, skip_slow_schema_import
from hsn_analysis.runs.layout import UNIT_FOLDER, published_files
from hsn_analysis.runs.notebook import clean_namespace
from hsn_analysis.runs.publishing import Failure, RunFailed, attempt, failure_of
from hsn_analysis.runs.record import file_facts, record_head
from hsn_analysis.words.summary import unit_counts_json
from hsn_analysis.words.titles import unit_report_title

logger = logging.getLogger(__name__)
ALL_UNITS = "alla"


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


def produce_unit_report(
    result: TertialResult,
    unit_id: str,
    data: Path,
    out: Path,
    *,
    kernel: Any,
    exporter: Any,
    checked: Path,
    notebook: Path | None = None,
    fresh: bool = True,
) -> Path:
    """Make and publish one unit's report with a running kernel (its manager) and exporter, on
    the publishing path the board's report takes (`publishing`); `checked` is the tertial's
    result as `save_result` wrote it, `fresh` False when the kernel ran an earlier report (its
    namespace is emptied first). Raises LockBusy, RunFailed and OutputFailed as
    `runner.produce_report` does, UnsafeOutputPath for an id that cannot name a folder; returns
    the published page."""
    dataset, period = result.dataset, result.period
    started = datetime.now().astimezone()
    clock = time.perf_counter()
    notebook = notebook or paths.UNIT_NOTEBOOK
    files = published_files(out, period, unit_id)  # before anything is written
    with attempt(files, f"enhetsrapport {files.label}", started) as run:
        parameters = {
            "period": period.code,
            "enhet": unit_id,
            "data": str(data),
            "run_started": started.isoformat(timespec="seconds"),
        }
        if not fresh:
            try:
                clean_namespace(kernel, notebook)
            except Exception as exc:  # the kernel died since the last report, or will not reset
                raise run.failed("notebook", str(exc), notebook) from exc
        nb = run.run_notebook(notebook, {**parameters, "checked": str(checked)}, kernel)
        unit = result.for_unit(unit_id)  # the record's figures: a slice of the result
        title = unit_report_title(period, unit.name)
        try:
            page = export_html(nb, title, exporter).encode()
        except Exception as exc:  # any nbconvert/Jinja failure: publish nothing
            raise run.failed("export", f"{type(exc).__name__}: {exc}", notebook) from exc
        run.staged(files.html).write_bytes(page)
        record = {
            **record_head("enhet", title, dataset, period, data, parameters, started),
            "enhet_id": unit_id,
            "enhet_namn": unit.name,
            "omrade": unit.area,
            "tider_s": {"totalt": round(time.perf_counter() - clock, 3)},
            "versioner": package_versions(),
            **file_facts("html", page),
            "delmal": unit_counts_json(unit.status_counts),
            "ej_rapporterat": [f"{kind} {key}" for kind, key in unit.gaps],
        }
        run.staged(files.record).write_text(
            json.dumps(record, ensure_ascii=False, indent=2, allow_nan=False), "utf-8"
        )
        run.publish()
    return files.html


def make_unit_reports(
    result: TertialResult,
    unit_ids: Sequence[str],
    data: Path,
    out: Path,
    notebook: Path | None = None,
) -> list[UnitFinished]:
    """One chunk: every report of `unit_ids` with one kernel and one exporter (see the module
    docstring). A report that fails does not stop the others; after a failure the kernel is
    replaced, in case the failure was the kernel's. Runs in any thread or Dask worker.

    The work runs on a thread of its own: jupyter_client drives the kernel on an event loop it
    keeps in a context variable, and a Dask worker runs a task in a copy of its event loop's
    context, where that variable can name the worker's own running loop.
    """
    found: list[list[UnitFinished]] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            found.append(_make_unit_reports(result, unit_ids, data, out, notebook))
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
                    )
                except Exception as exc:  # reported with the others; the chunk goes on
                    # A new kernel for the next report, in case this failure was the kernel's.
                    kernel.stop()
                    kernel = None
                    finished.append(_failure(unit_id, time.perf_counter() - start, exc))
                    continue
                finished.append(UnitFinished(unit_id, time.perf_counter() - start, html=html))
        finally:
            if kernel is not None:
                kernel.stop()
    return finished


def _failure(unit_id: str, seconds: float, exc: Exception) -> UnitFinished:
    failure = failure_of(exc)
    if failure is not Failure.BUG:  # a sentence that says it all, as for the board's report
        kept = exc.kept if isinstance(exc, RunFailed) else None
        return UnitFinished(unit_id, seconds, error=str(exc), failure=failure, kept=kept)
    logger.error("%s: oväntat fel", unit_id, exc_info=exc)
    return UnitFinished(unit_id, seconds, error=f"{type(exc).__name__}: {exc}", failure=failure)


def chunks(unit_ids: Sequence[str], n: int) -> list[list[str]]:
    """`unit_ids` in `n` chunks of nearly equal size (fewer when there are fewer units)."""
    n = max(1, min(n, len(unit_ids)))
    return [list(unit_ids[i::n]) for i in range(n)]


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
) -> list[UnitFinished]:
    """Every report of `unit_ids` in `jobs` chunks on `executor` (default: a pool of `jobs`
    threads, whose kernels do the work on the cores), then the index once. Results come in
    the order of `unit_ids`; `on_finished(result, n, total)` is called in this thread as each
    chunk's reports come back."""
    parts = chunks(unit_ids, jobs)
    result = compute_result(dataset, period)  # once, here; every chunk and report reads it
    done: dict[str, UnitFinished] = {}
    with ThreadPoolExecutor(len(parts), "enhet") if executor is None else _kept(executor) as pool:
        futures = [
            pool.submit(make_unit_reports, result, part, data, out, notebook) for part in parts
        ]
        for future in as_completed(futures):
            for finished in future.result():
                done[finished.unit_id] = finished
                if on_finished is not None:
                    on_finished(finished, len(done), len(unit_ids))
    refresh_index(out)
    return [done[u] for u in unit_ids]


class _kept:
    """An executor the caller owns, used in a `with` without being shut down."""

    def __init__(self, executor: Executor) -> None:
        self.executor = executor

    def __enter__(self) -> Executor:
        return self.executor

    def __exit__(self, *exc: object) -> None:
        return None
