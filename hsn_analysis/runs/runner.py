"""The report run: validate → execute the notebook with papermill → export HTML → publish.

Nothing is published until every step has succeeded: the run works in a hidden folder beside the
report and moves finished files into place with `os.replace`, so the previous good report of the
period stays whole if anything fails. A report that is replaced is kept in `tidigare/` under the
time of its own run. One run per period at a time (`locking`); the index of all reports is
rewritten after each published one (`index`).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hsn_analysis import paths
from hsn_analysis.dataset import Dataset
from hsn_analysis.paths import EXAMPLE_DATA, OUTPUTS
from hsn_analysis.periods import Period
from hsn_analysis.problems import InvalidDatasetError
from hsn_analysis.reading.period_choice import resolve_period
from hsn_analysis.reading.validation import check_dataset
from hsn_analysis.report.export import export_html, report_exporter
from hsn_analysis.rules.result import compute_result, save_result
from hsn_analysis.runs.attempts import (
    WORK_PREFIX,
    mark_finished,
    mark_started,
    remove_dead_work,
    unfinished_run,
)
from hsn_analysis.runs.index import refresh_index
from hsn_analysis.runs.kernel import (
    KERNEL_ARGUMENTS,
    KERNEL_NAME,
    running_kernel,
    skip_slow_schema_import,
)
from hsn_analysis.runs.layout import BACKUP_STAMP, report_paths
from hsn_analysis.runs.locking import period_lock
from hsn_analysis.runs.pdf_step import document_info, render, warm_up
from hsn_analysis.runs.publishing import PUBLISHED, publish
from hsn_analysis.runs.record import record_figures, run_record
from hsn_analysis.words.safeguards import (
    FS_RUN_KEPT,
    MSG_DEAD_RUN,
    STEP_FILES,
    UNKNOWN,
    file_system_sentence,
    is_file_system_failure,
)

REPORT_NOTEBOOK = paths.REPORT_NOTEBOOK
CELL_TIMEOUT_S = 300
# A cold kernel start on a busy 2-core machine can pass papermill's default of 60 s.
START_TIMEOUT_S = 120

logger = logging.getLogger(__name__)


class NotebookFailed(Exception):
    """A notebook cell raised, timed out or killed its kernel."""

    def __init__(self, notebook: Path, cell: int | None, error: str, source: str = "") -> None:
        self.notebook = notebook
        self.cell = cell
        self.error = error
        self.source = source
        where = f"cell {cell}" if cell is not None else "kärnan"
        first_line = source.strip().splitlines()[0] if source.strip() else ""
        code = f" ({first_line})" if first_line else ""
        super().__init__(f"{notebook.name}, {where}{code}: {error}")


class OutputFailed(Exception):
    """The run's files could not be written (a read-only folder, a full disk, a file where a
    folder belongs); nothing was published."""

    def __init__(self, error: OSError) -> None:
        self.error = error
        what = file_system_sentence(error)
        super().__init__(FS_RUN_KEPT.format(step=STEP_FILES, what=what))


class RunFailed(Exception):
    """A report run that stopped; `step` names where (validering, notebook, export, pdf)."""

    def __init__(self, step: str, message: str, kept: Path | None = None) -> None:
        self.step = step
        self.kept = kept
        super().__init__(f"steget {step} misslyckades: {message}")


@dataclass(frozen=True)
class RunResult:
    """A published report and the files beside it."""

    period: Period
    html: Path
    notebook: Path
    record: Path
    timings: dict[str, float] = field(default_factory=dict)
    pdf: Path | None = None


def execute_notebook(
    notebook: Path,
    output: Path,
    parameters: dict[str, Any],
    *,
    cwd: Path,
    timeout: int = CELL_TIMEOUT_S,
    kernel: Any = None,
) -> Any:
    """Run `notebook` with papermill in the project kernel; returns the executed NotebookNode.

    `kernel` is a manager from `kernel.running_kernel`, already started in `cwd`; without one,
    papermill starts and stops its own. Raises NotebookFailed naming the cell and the error.
    Papermill's saved metadata is not trusted (after a timeout it still says every cell
    completed): only its exception counts.
    """
    skip_slow_schema_import()
    import papermill  # deferred: a slow import that only report runs need
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if kernel is None:
        where: dict[str, Any] = {"cwd": str(cwd), "extra_arguments": KERNEL_ARGUMENTS}
    else:  # its working folder was set when it started; papermill must not chdir this process
        where = {"km": kernel}
    try:
        return papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            execution_timeout=timeout,
            start_timeout=START_TIMEOUT_S,
            progress_bar=False,
            # Written once at the end (also after a failure), not after every cell.
            request_save_on_cell_execute=False,
            **where,
        )
    except papermill.PapermillExecutionError as exc:
        raise NotebookFailed(
            notebook, exc.cell_index, f"{exc.ename}: {exc.evalue}", exc.source
        ) from exc
    except CellTimeoutError as exc:
        raise NotebookFailed(notebook, None, f"en cell tog längre än {timeout} s") from exc
    except DeadKernelError as exc:
        raise NotebookFailed(notebook, None, f"kärnan dog: {exc}") from exc


def _validated(data: Path) -> Dataset:
    """The dataset in `data`; InvalidDatasetError listing every problem if it has errors."""
    result = check_dataset(data)
    if result.dataset is None:  # None whenever there is an error
        raise InvalidDatasetError(result.problems)
    return result.dataset


def run_report(
    period: str,
    data: Path | None = None,
    out: Path | None = None,
    *,
    notebook: Path | None = None,
    today: date | None = None,
    kernel: Any = None,
) -> RunResult:
    """Produce the follow-up report of one period; see the module docstring for the guarantees.

    Invalid data raises InvalidDatasetError before any notebook runs. A period that cannot be
    used raises ValueError (PeriodNotReady for `auto` before its assessments are in). Another run
    of the same period raises LockBusy. A failing notebook or export raises RunFailed; the
    executed notebook is then kept as `…MISSLYCKAD.ipynb` and no HTML is written.

    The kernel is started first (or given, from `kernel.running_kernel`), so that it boots while
    the data is read and checked; it is stopped unused if the run ends before the notebook.
    """
    if kernel is None:
        with running_kernel() as started:
            return run_report(period, data, out, notebook=notebook, today=today, kernel=started)
    clock = time.perf_counter()
    data = (data or EXAMPLE_DATA).resolve()
    logger.info("Validerar %s", data)
    dataset = _validated(data)
    chosen = resolve_period(period, dataset, today or date.today())
    checked = time.perf_counter() - clock
    return produce_report(
        dataset, chosen, data, out, notebook=notebook, validation_s=checked, kernel=kernel
    )


def produce_report(
    dataset: Dataset,
    period: Period,
    data: Path,
    out: Path | None = None,
    *,
    notebook: Path | None = None,
    validation_s: float = 0.0,
    kernel: Any = None,
) -> RunResult:
    """The report of `period` from a dataset already validated (read from `data`).

    Takes the period's lock (LockBusy if another run has it), runs, publishes and rewrites the
    index; raises RunFailed as `run_report` does. `validation_s` is the time the caller spent
    validating, for the run record; `kernel` a running one (else one is started once the lock
    is held). Safe to call from several threads for different periods: each run has its own
    kernel, working folders and output files.
    """
    started = datetime.now().astimezone()
    clock = time.perf_counter() - validation_s
    timings = {"validering": validation_s}
    out = (out or OUTPUTS).resolve()
    paths = report_paths(out, period)
    folder = paths["html"].parent
    try:
        with period_lock(folder, f"rapport {period.code}"), ExitStack() as stack:
            _forget_dead_run(period, paths["html"])
            # From here until the report or its failure is recorded, the run counts as
            # unfinished, however it ends (killed, out of memory, disk full).
            mark_started(paths["html"], started)
            kernel = kernel or stack.enter_context(running_kernel())
            notebook = notebook or REPORT_NOTEBOOK
            try:
                _produce(
                    dataset,
                    period,
                    data,
                    notebook,
                    kernel,
                    paths,
                    started,
                    clock,
                    timings,
                )
            except RunFailed as exc:
                if exc.kept is not None:  # the kept notebook is its failure record
                    mark_finished(paths["html"])
                raise
            mark_finished(paths["html"])
    except RunFailed:
        refresh_index(out)  # the index shows the failed run beside the report that is kept
        raise
    except OSError as exc:
        if not is_file_system_failure(exc):  # the program's own fault: not the disk's
            raise
        if out.is_dir():  # else there is no index to write either
            refresh_index(out)
        raise OutputFailed(exc) from exc
    refresh_index(out)
    logger.info("Klar: %s", paths["html"])
    return RunResult(
        period, paths["html"], paths["notebook"], paths["record"], timings, paths["pdf"]
    )


def _forget_dead_run(period: Period, html: Path) -> None:
    """Say so when the period's previous run died unfinished, and remove its working folders
    (the period's lock is held: no living run has one)."""
    note = unfinished_run(html, lock_held=True)
    if note is not None:
        logger.warning(
            "%s",
            MSG_DEAD_RUN.format(
                period=period.code,
                started=note.get("startad", UNKNOWN),
                pid=note.get("pid", UNKNOWN),
                host=note.get("dator", UNKNOWN),
            ),
        )
    for work in remove_dead_work(html.parent):
        logger.info("Tog bort arbetsmappen %s", work)


def _produce(
    dataset: Dataset,
    chosen: Period,
    data: Path,
    notebook: Path,
    kernel: Any,
    paths: dict[str, Path],
    started: datetime,
    clock: float,
    timings: dict[str, float],
) -> None:
    folder = paths["html"].parent
    # Same folder as the report, so that publishing is a rename on one file system.
    work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=folder))
    try:
        # While the kernel boots: compute the tertial's result and hand it (with the checked
        # data) to the kernel, make the exporter and the record's figures, import papermill.
        result = compute_result(dataset, chosen)  # the one result every output reads
        checked = work / "result.pickle"
        save_result(result, checked)
        parameters = {
            "period": chosen.code,
            "data": str(data),
            "run_started": started.isoformat(timespec="seconds"),
        }
        skip_slow_schema_import()
        exporter = report_exporter()
        figures = record_figures(result)
        info = document_info(figures, chosen, dataset.settings, started)
        # While the kernel runs the notebook this process is idle: it warms up WeasyPrint.
        warming = warm_up()

        executed = work / paths["notebook"].name
        logger.info("Kör %s för %s", notebook.name, chosen.code)
        step = time.perf_counter()
        try:
            nb = execute_notebook(
                notebook,
                executed,
                {**parameters, "checked": str(checked)},
                cwd=work,
                kernel=kernel,
            )
        except NotebookFailed as exc:
            kept = _keep_failed(executed, paths["failed"])
            raise RunFailed("notebook", str(exc), kept) from exc
        timings["notebook"] = time.perf_counter() - step

        logger.info("Skapar HTML")
        step = time.perf_counter()
        try:
            page = export_html(nb, figures["titel"], exporter)
        except Exception as exc:  # any nbconvert/Jinja failure: keep the notebook, publish nothing
            kept = _keep_failed(executed, paths["failed"])
            raise RunFailed("export", f"{type(exc).__name__}: {exc}", kept) from exc
        (work / paths["html"].name).write_text(page, encoding="utf-8")
        timings["export"] = time.perf_counter() - step

        logger.info("Skapar PDF/A")
        step = time.perf_counter()
        try:
            pdf, rendering = render(page, info, warming)
        except Exception as exc:  # a report without its PDF is not published either
            kept = _keep_failed(executed, paths["failed"])
            raise RunFailed("pdf", f"{type(exc).__name__}: {exc}", kept) from exc
        (work / paths["pdf"].name).write_bytes(pdf)
        timings["pdf"] = time.perf_counter() - step  # what the run waited for
        timings["pdf_rendering"] = rendering  # the render's own time
        logger.info("PDF/A klar: renderad på %.2f s", rendering)
        timings["totalt"] = time.perf_counter() - clock

        record = run_record(
            figures, dataset, chosen, data, parameters, started, timings, page.encode(), pdf
        )
        (work / paths["record"].name).write_text(
            json.dumps(record, ensure_ascii=False, indent=2, allow_nan=False), encoding="utf-8"
        )
        backup = _back_up(paths)
        if backup is not None:
            logger.info("Den tidigare rapporten sparas som %s", backup)
        publish(work, paths, backup)
        paths["failed"].unlink(missing_ok=True)  # an earlier failure is superseded
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _backup_stamp(record: Path, html: Path) -> str:
    """`2025-09-05T060012`: when the report in `html` was run, from its record (else the file)."""
    try:
        started = datetime.fromisoformat(json.loads(record.read_text(encoding="utf-8"))["startad"])
    except (OSError, ValueError, KeyError, TypeError):
        started = datetime.fromtimestamp(html.stat().st_mtime).astimezone()
    return started.strftime(BACKUP_STAMP)


def _back_up(paths: dict[str, Path]) -> Path | None:
    """Keep the period's current report in `tidigare/` before it is replaced; returns its HTML.

    Hard links, so the current files stay in place until the new ones replace them: at no moment
    is the period without a report.
    """
    if not paths["html"].exists():
        return None
    folder = paths["backups"]
    folder.mkdir(exist_ok=True)
    stamp = _backup_stamp(paths["record"], paths["html"])
    stem, n = f"{paths['html'].stem}.{stamp}", 1
    while (folder / f"{stem}.html").exists():  # two runs within one second
        n += 1
        stem = f"{paths['html'].stem}.{stamp}-{n}"
    for key in (k for k in PUBLISHED if k in paths):  # a basenhet's report has no PDF
        source = paths[key]
        if source.exists():
            target = folder / f"{stem}{source.suffix}"
            try:
                os.link(source, target)
            except OSError:  # a file system without hard links
                shutil.copy2(source, target)
    return folder / f"{stem}.html"


def _keep_failed(executed: Path, failed: Path) -> Path | None:
    if not executed.exists():
        return None
    os.replace(executed, failed)
    return failed
