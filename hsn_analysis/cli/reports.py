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
from hsn_analysis.periods import RANGE_MARK, Period, PeriodNotReady
from hsn_analysis.problems import InvalidDatasetError, Problem, errors
from hsn_analysis.runs.locking import LockBusy

if TYPE_CHECKING:
    from hsn_analysis.runs.kernel import Kernel

logger = logging.getLogger(__name__)


def _mail_config(args: argparse.Namespace) -> Any:
    """The mail configuration, read and checked before anything runs (exit 2 if unusable)."""
    from hsn_analysis.mail.config import MailConfigError, load_mail_config

    if args.config is None:
        raise UsageError("utskick kräver --config med mottagarfilen (t.ex. mottagare.toml).")
    try:
        return load_mail_config(args.config, os.environ)
    except MailConfigError as exc:
        for problem in exc.problems:
            logger.error("%s", problem)
        raise UsageError(f"{len(exc.problems)} fel i {args.config}: inget skickas.") from exc


def run(args: argparse.Namespace) -> int:
    """`run --period P` (one report, mailed with --send) or `run --period A..B --jobs N`."""
    from hsn_analysis.runs.kernel import running_kernel

    if args.enhet is not None or args.dask is not None:
        from hsn_analysis.cli.units import run_units

        return run_units(args)
    if RANGE_MARK in args.period:
        if args.send:
            raise UsageError(
                "--send gäller en period åt gången; skicka varje rapport med "
                "hsn-report send --period P när intervallet är klart."
            )
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
        logger.error("steget lås misslyckades: %s", exc)
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
    n = len(errors(problems))
    logger.error("steget validering misslyckades: %d fel i %s; ingen rapport görs.", n, data)


def _log_run_failed(exc: Exception) -> None:
    logger.error("%s", exc)
    kept = getattr(exc, "kept", None)
    if kept is not None:
        logger.error("den misslyckade notebooken finns kvar för felsökning: %s", kept)
    logger.error("ingen ny rapport skrevs; en tidigare rapport för perioden finns kvar orörd.")


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
    limited = f" (--jobs {args.jobs}, men {cores} kärnor)" if args.jobs > cores else ""
    logger.info(
        "%d rapporter, %s till %s, %d åt gången%s",
        len(periods),
        periods[0].code,
        periods[-1].code,
        workers,
        limited,
    )

    def progress(report: Finished, n: int, total: int) -> None:
        took = _seconds(report.seconds)
        if report.result is not None:
            logger.info("[%d/%d] %s klar på %s s", n, total, report.period.code, took)
            print(report.result.html, flush=True)
        else:
            error = report.error
            # A failed run or a busy lock says all in its message; anything else is a fault,
            # whose traceback the log keeps.
            trace = None if isinstance(error, RunFailed | LockBusy | OutputFailed) else error
            logger.error(
                "[%d/%d] %s misslyckades efter %s s: %s",
                *(n, total, report.period.code, took, error),
                exc_info=trace,
            )

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
        logger.info("Alla %d rapporter klara på %s s.", len(periods), took)
        return EXIT_OK
    codes = ", ".join(f.period.code for f in batch.failed)
    logger.error(
        "%d av %d rapporter misslyckades: %s. De övriga är klara; se felen ovan.",
        len(batch.failed),
        len(periods),
        codes,
    )
    for failed in batch.failed:
        if isinstance(failed.error, RunFailed) and failed.error.kept is not None:
            logger.error(
                "%s: den misslyckade notebooken finns kvar: %s",
                failed.period.code,
                failed.error.kept,
            )
    kind = worst(failure_of(f.error) for f in batch.failed if f.error is not None)
    return FAILURE_EXIT[kind] if kind is not None else EXIT_RUN_FAILED


def _not_mailed(args: argparse.Namespace, code: int) -> int:
    if args.send:
        logger.error("inget mejl skickas efter en misslyckad körning.")
    return code


def send(args: argparse.Namespace) -> int:
    """`send --period P`: mail the published report of P."""
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
        logger.error("steget utskick misslyckades: %s", exc)
        return EXIT_BUSY
    except LatestRunFailed as exc:
        logger.error("steget utskick misslyckades: %s", exc)
        return EXIT_RUN_FAILED
    except NotPublished as exc:
        raise UsageError(f"inget att skicka: {exc}") from exc
    except MailFailed as exc:
        logger.error("steget utskick misslyckades: %s", exc)
        refresh_index(out)
        return EXIT_MAIL_FAILED
    if dry_run:
        logger.info("Provkörning: inget skickades; meddelandet finns i %s", delivery.eml)
        print(delivery.eml, flush=True)
    refresh_index(out)
    return EXIT_OK
