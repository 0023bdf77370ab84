"""`hsn-report run` and `send`: the commands that make and mail reports (see `cli`).

`run` starts the report kernel before anything else, so that it boots while this process
imports the runner and checks the data; a range of periods runs as a batch (`batch`).
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hsn_analysis.cli.common import (
    EXIT_BUSY,
    EXIT_FILE_SYSTEM,
    EXIT_INVALID_DATA,
    EXIT_MAIL_FAILED,
    EXIT_NOT_READY,
    EXIT_OK,
    EXIT_RUN_FAILED,
    FAILURE_EXIT,
    UsageError,
    check_data,
)
from hsn_analysis.cli.mail_settings import mail_config as _mail_config
from hsn_analysis.periods import RANGE_MARK, Period, PeriodNotReady
from hsn_analysis.problems import InvalidDatasetError, Problem, errors
from hsn_analysis.runs.locking import LockBusy
from hsn_analysis.words import cli_text as text
from hsn_analysis.words.counting import ERRORS, REPORTS, counted

if TYPE_CHECKING:
    from hsn_analysis.runs.kernel import Kernel

logger = logging.getLogger(__name__)


def run(args: argparse.Namespace) -> int:
    """`run --period P` (one report, mailed with --send) or `run --period A..B --jobs N`."""
    from hsn_analysis.runs.kernel import running_kernel

    if args.enhet is not None or args.dask is not None:
        from hsn_analysis.cli.units import run_units

        return run_units(args)
    if args.pdf:
        raise UsageError(text.PDF_NEEDS_UNIT)
    if RANGE_MARK in args.period:
        if args.send:
            raise UsageError(text.SEND_ONE_PERIOD)
        return _run_batch(args)
    config = _mail_config(args) if args.send else None
    try:
        # The kernel boots (about a second) while this process imports the runner and checks
        # the data; it is stopped unused if the data or the period stops the run.
        with running_kernel() as kernel:
            from hsn_analysis.runs import runner

            try:
                result = runner.run_report(
                    args.period, args.data, args.out, today=args.today, kernel=kernel
                )
            except runner.RunFailed as exc:
                _log_run_failed(exc)
                return _not_mailed(args, EXIT_RUN_FAILED)
            except runner.OutputFailed as exc:
                logger.error("%s", exc)
                return _not_mailed(args, EXIT_FILE_SYSTEM)
    except FileNotFoundError as exc:
        raise UsageError(f"hittar inte data: {args.data}") from exc
    except InvalidDatasetError as exc:
        _log_invalid(exc.problems, args.data)
        return _not_mailed(args, EXIT_INVALID_DATA)
    except PeriodNotReady as exc:
        logger.error("steget period misslyckades: %s", exc)
        return _not_mailed(args, EXIT_NOT_READY)
    except LockBusy as exc:
        logger.error("%s", text.LOCK_FAILED.format(reason=exc))
        return _not_mailed(args, EXIT_BUSY)
    except ValueError as exc:  # the period: unreadable, not begun or without data
        raise UsageError(str(exc)) from exc
    print(result.html, flush=True)
    if config is None:
        return EXIT_OK
    return _deliver(config, args.out, result.period, dry_run=args.dry_run)


def _log_invalid(problems: list[Problem], data: Path) -> None:
    for problem in errors(problems):
        logger.error("%s", problem)
    n = counted(len(errors(problems)), ERRORS)
    logger.error("%s", text.VALIDATION_FAILED.format(errors=n, path=data))


def _log_run_failed(exc: Exception) -> None:
    logger.error("%s", exc)
    kept = getattr(exc, "kept", None)
    if kept is not None:
        logger.error("%s", text.FAILED_NOTEBOOK_KEPT.format(path=kept))
    logger.error("%s", text.PREVIOUS_REPORT_KEPT)


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _run_batch(args: argparse.Namespace) -> int:
    """`run --period A..B --jobs N`: every tertial of the range, N reports at a time."""
    from hsn_analysis.runs.batch import pool_size
    from hsn_analysis.runs.kernel import Kernel

    # As for one report: the first kernels boot while the data is read and checked.
    with ExitStack() as stack:
        kernels = [stack.enter_context(Kernel()) for _ in range(pool_size(args.jobs, args.jobs))]
        return _run_batch_with(args, kernels)


def _run_batch_with(args: argparse.Namespace, kernels: list[Kernel]) -> int:
    from hsn_analysis.reading.period_choice import resolve_periods
    from hsn_analysis.runs.batch import Finished, pool_size, run_batch
    from hsn_analysis.runs.publishing import failure_of, worst
    from hsn_analysis.runs.runner import OutputFailed, RunFailed

    clock = time.perf_counter()
    data = args.data.resolve()
    result = check_data(data)
    if result.dataset is None:  # None whenever there is an error
        _log_invalid(result.problems, args.data)
        return EXIT_INVALID_DATA
    try:
        periods = resolve_periods(args.period, result.dataset, args.today)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    workers = pool_size(args.jobs, len(periods))
    cores = os.cpu_count() or 1
    limited = text.BATCH_LIMITED.format(jobs=args.jobs, cores=cores) if args.jobs > cores else ""
    start = text.BATCH_START.format(
        reports=counted(len(periods), REPORTS),
        first=periods[0].code,
        last=periods[-1].code,
        workers=workers,
        limited=limited,
    )
    logger.info("%s", start)

    def progress(report: Finished, n: int, total: int) -> None:
        took = _seconds(report.seconds)
        if report.result is not None:
            line = text.BATCH_DONE_ONE.format(
                n=n, total=total, period=report.period.code, seconds=took
            )
            logger.info("%s", line)
            print(report.result.html, flush=True)
        else:
            error = report.error
            # A failed run or a busy lock says all in its message; anything else is a fault,
            # whose traceback the log keeps.
            trace = None if isinstance(error, RunFailed | LockBusy | OutputFailed) else error
            line = text.BATCH_FAILED_ONE.format(
                n=n, total=total, period=report.period.code, seconds=took, error=error
            )
            logger.error("%s", line, exc_info=trace)

    batch = run_batch(
        result.dataset,
        periods,
        data,
        args.out.resolve(),
        jobs=args.jobs,
        validation_s=time.perf_counter() - clock,
        on_finished=progress,
        kernels=kernels,
    )
    took = _seconds(time.perf_counter() - clock)
    if not batch.failed:
        reports = counted(len(periods), REPORTS)
        logger.info("%s", text.BATCH_ALL_DONE.format(reports=reports, seconds=took))
        return EXIT_OK
    codes = ", ".join(f.period.code for f in batch.failed)
    failed_line = text.BATCH_SOME_FAILED.format(
        failed=len(batch.failed), reports=counted(len(periods), REPORTS), periods=codes
    )
    logger.error("%s", failed_line)
    for failed in batch.failed:
        if isinstance(failed.error, RunFailed) and failed.error.kept is not None:
            kept = text.BATCH_NOTEBOOK_KEPT.format(
                period=failed.period.code, path=failed.error.kept
            )
            logger.error("%s", kept)
    kind = worst(failure_of(f.error) for f in batch.failed if f.error is not None)
    return FAILURE_EXIT[kind] if kind is not None else EXIT_RUN_FAILED


def _not_mailed(args: argparse.Namespace, code: int) -> int:
    if args.send:
        logger.error("inget mejl skickas efter en misslyckad körning.")
    return code


def send(args: argparse.Namespace) -> int:
    """`send --period P`: mail the published report of P (with `--enhet`, the units')."""
    if args.enhet is not None:
        from hsn_analysis.cli.unit_mail import send_units_command

        return send_units_command(args)
    config = _mail_config(args)
    try:
        period = Period.parse(args.period)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    return _deliver(config, args.out, period, dry_run=args.dry_run)


def _deliver(config: Any, out: Path, period: Period, *, dry_run: bool) -> int:
    """Mail the published report of `period` (or write it as .eml); the exit code."""
    from hsn_analysis.mail.send import MailFailed, send_report
    from hsn_analysis.runs.index import refresh_index
    from hsn_analysis.runs.layout import published_files
    from hsn_analysis.runs.locking import period_lock
    from hsn_analysis.runs.published import LatestRunFailed, NotPublished, published_report

    out = out.resolve()
    try:
        with period_lock(published_files(out, period).folder, f"utskick {period.code}"):
            report = published_report(out, period)
            delivery = send_report(config, report, dry_run=dry_run)
    except LockBusy as exc:
        logger.error("%s", text.SEND_FAILED.format(reason=exc))
        return EXIT_BUSY
    except LatestRunFailed as exc:
        logger.error("%s", text.SEND_FAILED.format(reason=exc))
        return EXIT_RUN_FAILED
    except NotPublished as exc:
        raise UsageError(text.NOTHING_TO_SEND.format(reason=exc)) from exc
    except MailFailed as exc:
        logger.error("%s", text.SEND_FAILED.format(reason=exc))
        refresh_index(out)
        return EXIT_MAIL_FAILED
    if dry_run:
        logger.info("%s", text.DRY_RUN_DONE.format(path=delivery.eml))
        print(delivery.eml, flush=True)
    refresh_index(out)
    return EXIT_OK
