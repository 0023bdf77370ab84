"""`hsn-report run --period P --enhet ID|alla [--pdf] [--jobs N] [--dask ADRESS]`: basenheternas
rapporter, with their PDF/A when asked (`--pdf`).

One period at a time. The data is read and checked once; the reports then run in chunks
(`runs.unit_batch`), on threads here or on an existing Dask cluster that shares the output
folder. Each finished report logs a line and prints its path; at the end the failed units are
listed (exit 3; 5 when every failure was a busy lock, 8 when every failure was the disk's).
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from concurrent.futures import Executor
from contextlib import ExitStack
from typing import Any

from hsn_analysis.cli.common import (
    EXIT_INVALID_DATA,
    EXIT_NOT_READY,
    EXIT_OK,
    EXIT_RUN_FAILED,
    FAILURE_EXIT,
    UsageError,
    check_data,
)
from hsn_analysis.cli.mail_settings import mail_settings
from hsn_analysis.cli.unit_mail import send_unit_reports
from hsn_analysis.periods import RANGE_MARK, PeriodNotReady
from hsn_analysis.problems import errors

logger = logging.getLogger(__name__)


def _usage(args: argparse.Namespace) -> None:
    if args.enhet is None:
        raise UsageError("--dask gäller basenheternas rapporter: ange även --enhet ID eller alla.")
    if RANGE_MARK in args.period:
        raise UsageError("--enhet gäller en period åt gången, inte ett intervall.")


def _dask_executor(address: str, stack: ExitStack) -> tuple[Executor, int]:
    """The cluster's executor and its number of worker threads."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise UsageError(
            "--dask kräver paketet distributed: installera med pip install 'hsn-analysis[dask]'."
        ) from exc
    try:
        client: Any = stack.enter_context(Client(address, timeout="20s"))  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"når inte Dask-klustret {address}: {exc}") from exc
    return client.get_executor(), max(1, sum(client.nthreads().values()))


def run_units(args: argparse.Namespace) -> int:
    """Make the reports of one unit or of every unit for one period."""
    from hsn_analysis.reading.period_choice import resolve_period
    from hsn_analysis.runs.batch import pool_size
    from hsn_analysis.runs.unit_batch import ALL_UNITS, UnitFinished, run_unit_reports
    from hsn_analysis.words.publishing import progress_line

    _usage(args)
    settings = mail_settings(args) if args.send else None  # a typo never costs the reports
    clock = time.perf_counter()
    data = args.data.resolve()
    result = check_data(data)
    if not result.ok:
        for problem in errors(result.problems):
            logger.error("%s", problem)
        logger.error("steget validering misslyckades: ingen rapport görs.")
        return EXIT_INVALID_DATA
    dataset = result.dataset
    assert dataset is not None  # no errors: validation gave the dataset
    try:
        period = resolve_period(args.period, dataset, args.today)
    except PeriodNotReady as exc:
        logger.error("steget period misslyckades: %s", exc)
        return EXIT_NOT_READY
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    known = list(dataset.units["enhet_id"])
    if not known:
        raise UsageError("data har inga basenheter (tabellen enheter saknas eller är tom).")
    if args.enhet == ALL_UNITS:
        units = known
    elif args.enhet in known:
        units = [args.enhet]
    else:
        sample = ", ".join(known[:5])
        raise UsageError(f"okänd enhet {args.enhet}: giltiga är t.ex. {sample}, eller alla.")
    with ExitStack() as stack:
        executor: Executor | None = None
        if args.dask:
            executor, threads = _dask_executor(args.dask, stack)
            jobs = args.jobs if args.jobs > 1 else threads
            where = f"på Dask-klustret {args.dask}"
        else:
            jobs = pool_size(args.jobs, len(units))
            where = f"{jobs} åt gången (högst en per kärna, {os.cpu_count()} kärnor)"
        logger.info("%d enhetsrapporter för %s, %s", len(units), period.code, where)

        begun = time.perf_counter()

        def progress(done: UnitFinished, n: int, total: int) -> None:
            elapsed = time.perf_counter() - begun
            line = progress_line(n, total, done.unit_id, done.seconds, elapsed, done.error)
            if done.html is not None:
                logger.info("%s", line)
                print(done.html, flush=True)
            else:
                logger.error("%s", line)

        results = run_unit_reports(
            dataset,
            period,
            units,
            data,
            args.out.resolve(),
            jobs=jobs,
            executor=executor,
            on_finished=progress,
            pdf=args.pdf,
        )
    code = _outcome(results, len(units), clock)
    if settings is None:
        return code
    made = [r.unit_id for r in results if r.html is not None]  # only reports that succeeded
    sent = send_unit_reports(args, settings, dataset, period, made)
    return code if code != EXIT_OK else sent


def _outcome(results: list[Any], n: int, clock: float) -> int:
    """Log how the batch went; its exit code."""
    from hsn_analysis.runs.publishing import worst

    failed = [r for r in results if r.html is None]
    took = f"{time.perf_counter() - clock:.1f}".replace(".", ",")
    if not failed:
        logger.info("Alla %d enhetsrapporter klara på %s s.", n, took)
        return EXIT_OK
    logger.error(
        "%d av %d enhetsrapporter misslyckades: %s. De övriga är klara.",
        len(failed),
        n,
        ", ".join(r.unit_id for r in failed),
    )
    for r in failed:
        if r.kept is not None:
            logger.error("%s: den misslyckade notebooken finns kvar: %s", r.unit_id, r.kept)
    kind = worst(r.failure for r in failed if r.failure is not None)
    return FAILURE_EXIT[kind] if kind is not None else EXIT_RUN_FAILED
