"""One basenhet's report: `hsn-report run --period P --enhet ID` (`unit_batch` makes many).

A unit's report is published as the board's is, on the one publishing path (`publishing`): the
same lock, unfinished-run marker, working folder, failure record `…MISSLYCKAD.ipynb` and backup
in `tidigare/`. Asked for (`--pdf`), its PDF/A is made beside it (`unit_pdf`) and published with
it; a PDF that fails fails the unit's report. Its files are `layout.published_files`.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import Future, wait
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from hsn_analysis import paths
from hsn_analysis.report.context import package_versions
from hsn_analysis.report.export import export_html
from hsn_analysis.rules.result import TertialResult
from hsn_analysis.runs.layout import published_files
from hsn_analysis.runs.notebook import clean_namespace
from hsn_analysis.runs.publishing import Attempt, attempt
from hsn_analysis.runs.record import file_facts, record_head
from hsn_analysis.runs.unit_pdf import start_unit_pdf
from hsn_analysis.words.summary import unit_counts_json
from hsn_analysis.words.titles import unit_report_title


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
    pdf: bool = False,
) -> Path:
    """Make and publish one unit's report with a running kernel (its manager) and exporter, on
    the publishing path the board's report takes (`publishing`); `checked` is the tertial's
    result as `save_result` wrote it, `fresh` False when the kernel ran an earlier report (its
    namespace is emptied first), `pdf` True to make its PDF/A too. Raises LockBusy, RunFailed
    (step pdf when the PDF cannot be made) and OutputFailed as
    `runner.produce_report` does, UnsafeOutputPath for an id that cannot name a folder; returns
    the published page."""
    dataset, period = result.dataset, result.period
    started = datetime.now().astimezone()
    clock = time.perf_counter()
    notebook = notebook or paths.UNIT_NOTEBOOK
    files = published_files(out, period, unit_id, pdf=pdf)  # before anything is written
    with attempt(files, f"enhetsrapport {files.label}", started) as run, ExitStack() as cleanup:
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
        # The PDF needs only the result: it is made while the kernel runs the notebook.
        printing = start_unit_pdf(result, unit_id, started, run.work) if pdf else None
        if printing is not None:
            # The thread writes in the working folder: however the run ends, the thread ends
            # first (else a failed run's folder could be removed while it writes there).
            cleanup.callback(wait, [printing])
        nb = run.run_notebook(notebook, {**parameters, "checked": str(checked)}, kernel)
        unit = result.for_unit(unit_id)  # the record's figures: a slice of the result
        title = unit_report_title(period, unit.name)
        try:
            page = export_html(nb, title, exporter).encode()
        except Exception as exc:  # any nbconvert/Jinja failure: publish nothing
            raise run.failed("export", f"{type(exc).__name__}: {exc}", notebook) from exc
        run.staged(files.html).write_bytes(page)
        made = _wait_for_pdf(run, printing, notebook)
        record = {
            **record_head("enhet", title, dataset, period, data, parameters, started),
            "enhet_id": unit_id,
            "enhet_namn": unit.name,
            "omrade": unit.area,
            "tider_s": {"totalt": round(time.perf_counter() - clock, 3), **made.timings},
            "versioner": package_versions(),
            **file_facts("html", page),
            **(file_facts("pdf", made.pdf) if made.pdf is not None else {}),
            "delmal": unit_counts_json(unit.status_counts),
            "ej_rapporterat": [f"{kind} {key}" for kind, key in unit.gaps],
        }
        run.staged(files.record).write_text(
            json.dumps(record, ensure_ascii=False, indent=2, allow_nan=False), "utf-8"
        )
        run.publish()
    return files.html


@dataclass(frozen=True)
class _Made:
    """The unit's PDF, if the run made one, and the record's times for it."""

    pdf: bytes | None = None
    timings: dict[str, float] = field(default_factory=dict)


def _wait_for_pdf(
    run: Attempt, printing: Future[tuple[bytes, dict[str, float]]] | None, notebook: Path
) -> _Made:
    """The PDF once its thread is done, staged beside the page; RunFailed (step pdf) if it
    could not be made. The thread's times, and what the run waited for it (`pdf`)."""
    if printing is None:
        return _Made()
    clock = time.perf_counter()
    try:
        pdf, times = printing.result()
    except Exception as exc:  # a report without the PDF it was asked for is not published
        raise run.failed("pdf", f"{type(exc).__name__}: {exc}", notebook) from exc
    target = run.files.pdf
    assert target is not None  # the run was asked for its PDF
    run.staged(target).write_bytes(pdf)
    times = {**times, "pdf": time.perf_counter() - clock}
    return _Made(pdf, {step: round(seconds, 3) for step, seconds in times.items()})
