"""Several periods' reports in one command, side by side: `hsn-report run --period A..B --jobs N`.

The data is read and checked once. Each report then runs as `runner.produce_report` does alone:
its own kernel, working folders, lock and output files. The runs share this process in a pool
of threads: a thread spends its time waiting for its kernel, so threads cost no extra
interpreter start or import, and the kernels (separate processes) do the work on the cores.
One report that fails does not stop the others; all failures are returned together.
"""

from __future__ import annotations

import logging
import os
import queue
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.runs.kernel import Kernel
from hsn_analysis.runs.runner import RunResult, produce_report

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finished:
    """One report of a batch as it ends: its result, or the exception that stopped it."""

    period: Period
    seconds: float
    result: RunResult | None = None
    error: Exception | None = None


@dataclass(frozen=True)
class BatchResult:
    """Every report of a batch, in period order."""

    done: list[Finished] = field(default_factory=list)

    @property
    def failed(self) -> list[Finished]:
        """The reports that were not published."""
        return [f for f in self.done if f.error is not None]


def pool_size(jobs: int, runs: int, cores: int | None = None) -> int:
    """Reports at a time: what was asked, but never more than the cores or the reports."""
    cores = cores or os.cpu_count() or 1
    return max(1, min(jobs, cores, runs))


def run_batch(
    dataset: Dataset,
    periods: Sequence[Period],
    data: Path,
    out: Path,
    *,
    jobs: int = 1,
    notebook: Path | None = None,
    validation_s: float = 0.0,
    on_finished: Callable[[Finished, int, int], None] | None = None,
    kernels: Sequence[Kernel] = (),
) -> BatchResult:
    """Produce the report of every period in `periods`, `jobs` at a time (see `pool_size`).

    `on_finished(finished, n, total)` is called in this thread as each report ends, in the
    order they end. Exceptions of one report (a failed run, a busy lock, anything) are kept in
    its `Finished` and do not stop the others. `kernels` are started ones (the command line
    starts them before it reads the data) for the first reports to use and stop; later reports
    start their own. Kernels left unused stay with the caller.
    """
    workers = pool_size(jobs, len(periods))
    finished: list[Finished] = []
    ready: queue.SimpleQueue[Kernel] = queue.SimpleQueue()
    for kernel in kernels:
        ready.put(kernel)

    def one(period: Period) -> Finished:
        start = time.perf_counter()
        try:
            kernel = ready.get_nowait()
        except queue.Empty:
            kernel = None
        try:
            result = produce_report(
                dataset,
                period,
                data,
                out,
                notebook=notebook,
                validation_s=validation_s,
                kernel=kernel.manager if kernel else None,
            )
        except Exception as exc:  # reported with the others; the rest of the batch goes on
            return Finished(period, time.perf_counter() - start, error=exc)
        finally:
            if kernel is not None:
                kernel.stop()
        return Finished(period, time.perf_counter() - start, result=result)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rapport") as pool:
        futures = [pool.submit(one, period) for period in periods]
        for n, future in enumerate(as_completed(futures), start=1):
            report = future.result()
            finished.append(report)
            if on_finished is not None:
                on_finished(report, n, len(periods))
    return BatchResult(sorted(finished, key=lambda f: f.period))
